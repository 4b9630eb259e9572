import { isIP } from 'node:net';
import type { Config } from '../config.js';

export type Channel = 'email' | 'sms';

/** Whether GET /_rdc/outbox is served, and which channels it shows. */
export interface OutboxExposure {
  served: boolean;
  /** The channels without real delivery: only their messages are captured and shown. */
  channels: Channel[];
  /** Set when RDC_OUTBOX=true serves it where `auto` would not: logged as a warning at start-up. */
  warning?: string;
}

/**
 * The unauthenticated outbox is for a developer machine or a CI job: with RDC_OUTBOX=auto (the default) it
 * is served only while the server listens on loopback alone and no channel has real delivery (SMTP or an
 * SMS provider: then it is a real installation). RDC_OUTBOX=true serves it anyway (with a warning), false
 * never. Either way a channel with real delivery never shows there, and with both it is not served at all.
 * Signed, per-tenant reading is ListOutboxMessages (API 2026-12-01), whatever this says.
 */
export function outboxExposure(config: Pick<Config, 'outbox' | 'host'>, delivers: (channel: Channel) => boolean): OutboxExposure {
  const channels = (['email', 'sms'] as const).filter((c) => !delivers(c));
  if (config.outbox === 'false' || channels.length === 0) return { served: false, channels };
  const loopback = isLoopbackHost(config.host);
  const realDelivery = channels.length < 2;
  if (config.outbox === 'auto') return { served: loopback && !realDelivery, channels };
  if (loopback && !realDelivery) return { served: true, channels };
  const why = [!loopback && `the server listens on ${config.host}, not on loopback only`, realDelivery && `real delivery is configured (only ${channels.join(' and ')} messages are shown)`].filter(Boolean).join(', and ');
  return { served: true, channels, warning: `RDC_OUTBOX=true: GET /_rdc/outbox serves live verification links and codes of every tenant without a signature, and ${why}` };
}

/** `localhost`, 127.0.0.0/8 or ::1 (also ::ffff:127.x): reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  const name = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  if (isIP(name) === 6) return name === '::1' || /^::ffff:127\./.test(name) || /^0{0,4}(:0{0,4}){6}:0{0,3}1$/.test(name);
  return false;
}
