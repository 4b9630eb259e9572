import { createHash, createHmac, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import { ApiError } from '../errors/api-error.js';
import type { Delivery, VerificationMessage } from '../delivery/delivery.js';
import type { MessageTemplates } from '../delivery/templates.js';
import type { VerificationToken } from '../store/records.js';
import type { Store } from '../store/store.js';
import type { Channel, ContactService } from './contacts.js';
import type { ResourceDirectory } from './directory.js';
import { base62 } from '../ids.js';
import type { Leases } from './leases.js';

/** Wrong SMS codes a token survives; the last one voids it. */
export const MAX_CODE_ATTEMPTS = 5;

/** `deleting`: the contact is being deleted (DeleteMessageContact); its links confirm nothing meanwhile. */
export type TokenState = 'valid' | 'expired' | 'used' | 'unknown' | 'deleting';

export interface TokenInspection {
  state: TokenState;
  /** Known unless the state is `unknown`. */
  contactName?: string;
  channel?: Channel;
  target?: string;
}

export type ConfirmResult =
  | { outcome: 'verified'; contactName: string; channel: Channel; target: string }
  | { outcome: 'wrong-code'; attemptsLeft: number }
  | { outcome: 'code-required' }
  | { outcome: 'expired' | 'used' | 'unknown' | 'deleting' };

export interface VerificationOptions {
  ttlMs: number;
  dailyLimit: number;
  /** Sends to one address (or number) of a directory within any 60 seconds. */
  perMinuteLimit: number;
  /** Base of the verification links, e.g. `https://contacts.example.com`. */
  publicUrl: () => string;
  /** The message templates (the shipped ones, or the operator's: RDC_TEMPLATES_DIR). */
  templates: MessageTemplates;
}

const MINUTE_MS = 60_000;

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Verification of a contact's pending email address or phone number. A send issues a fresh single-use
 * token (and for SMS a 6-digit code), voiding earlier ones; the store keeps only their hashes. The person
 * opens the link: the verification pages call inspect() to show what is being verified and confirm() on
 * a button press, which makes the pending value effective (and a Verifying contact Active, for email).
 */
export class VerificationService {
  constructor(
    private readonly store: Store,
    private readonly delivery: Delivery,
    private readonly leases: Leases,
    private readonly contacts: ContactService,
    private readonly log: Logger,
    private readonly options: VerificationOptions,
  ) {}

  /** SendEmail/SendPhoneVerificationForMessageContact: `target` must be the contact's pending target. */
  async send(rd: ResourceDirectory, contactId: string, channel: Channel, target: string): Promise<void> {
    await this.requirePending(rd, contactId, channel, target);
    await this.leases.contact(rd.id, contactId, async () => {
      const contact = await this.requirePending(rd, contactId, channel, target);
      const now = Date.now();
      // The documented "10 messages to the same address within one minute". Concurrent sends from two contacts
      // with the same pending address may both pass the count (the contact lease serialises one contact only);
      // the daily quota below is exact.
      if ((await this.store.verifications.sendsTo(rd.id, channel, target, now - MINUTE_MS)) >= this.options.perMinuteLimit) {
        throw new ApiError('SendValidateCodeExceedsLimitForAccount', {
          message: `At most ${this.options.perMinuteLimit} verification messages may be sent to the same ${channel === 'email' ? 'email address' : 'phone number'} within one minute; try again later.`,
        });
      }
      const day = new Date(now).toISOString().slice(0, 10);
      if (!(await this.store.verifications.reserveSend(rd.accountId, channel, day, this.options.dailyLimit))) {
        throw new ApiError('SendValidateCodeExceedsLimitForAccount');
      }
      const token = randomBytes(32).toString('base64url');
      const code = channel === 'sms' ? String(randomInt(0, 1_000_000)).padStart(6, '0') : undefined;
      const row: VerificationToken = {
        id: 'vt-' + base62(20),
        tokenHash: hashToken(token),
        contactId,
        channel,
        target,
        codeHash: code === undefined ? null : hashCode(token, code),
        attempts: 0,
        expiresAt: now + this.options.ttlMs,
        usedAt: null,
        voidedAt: null,
        createdAt: now,
      };
      await this.store.verifications.insertToken(row);
      const message = composeMessage(this.options.templates, { channel, target, contactId, contactName: contact.name, accountId: rd.accountId, link: `${this.options.publicUrl().replace(/\/+$/, '')}/verify/${token}`, code, ttlMs: this.options.ttlMs });
      try {
        await this.delivery.send(message);
      } catch (err) {
        // Only sends that go out count, and a link that never went out must not work.
        this.log.warn({ err: (err as Error).message, contactId, channel }, 'verification message could not be delivered');
        await this.store.verifications.deleteToken(row.id);
        await this.store.verifications.releaseSend(rd.accountId, channel, day);
        throw new ApiError('ServiceUnavailable');
      }
      await this.store.verifications.voidOthers(contactId, channel, row.id, now);
    });
  }

  private async requirePending(rd: ResourceDirectory, contactId: string, channel: Channel, target: string) {
    const contact = await this.contacts.require(rd, contactId);
    const pending = await this.store.contacts.pendingOf(contactId);
    if (!pending.some((p) => p.channel === channel && p.target === target)) throw new ApiError('EntityNotExists.Contact.Verification');
    return contact;
  }

  /** What a token is for and whether it can still be used (a page shows this before the button). */
  async inspect(token: string): Promise<TokenInspection> {
    const found = await this.find(token);
    if (!found) return { state: 'unknown' };
    const { row, contactName, deleting } = found;
    const state = stateOf(row, Date.now());
    return { state: state === 'valid' && deleting ? 'deleting' : state, contactName, channel: row.channel, target: row.target };
  }

  /**
   * Completes a verification. For SMS the code is required; a wrong one counts, and the fifth voids the
   * token. The pending value becomes the contact's effective value in one transaction.
   */
  async confirm(token: string, code?: string): Promise<ConfirmResult> {
    const found = await this.find(token);
    if (!found) return { outcome: 'unknown' };
    const { row, contactName, deleting } = found;
    const now = Date.now();
    const state = stateOf(row, now);
    if (state !== 'valid') return { outcome: state };
    if (deleting) return { outcome: 'deleting' };
    if (row.channel === 'sms') {
      if (code === undefined || code === '') return { outcome: 'code-required' };
      if (!codeMatches(row, token, code)) {
        const attempts = await this.store.verifications.countWrongCode(row.id, MAX_CODE_ATTEMPTS, now);
        return attempts >= MAX_CODE_ATTEMPTS ? { outcome: 'expired' } : { outcome: 'wrong-code', attemptsLeft: MAX_CODE_ATTEMPTS - attempts };
      }
    }
    const result = await this.store.transaction(async (tx): Promise<ConfirmResult> => {
      // Read again in the transaction: a deletion started since the check above wins over the link.
      if ((await tx.contacts.findById(row.contactId))?.deletionStatus === 'Deleting') return { outcome: 'deleting' };
      // The target must still be pending: an Update or Cancel since the send makes this link stale.
      if (!(await tx.contacts.dropPending(row.contactId, row.channel, row.target))) {
        await tx.verifications.voidOthers(row.contactId, row.channel, null, now);
        return { outcome: 'expired' };
      }
      if (!(await tx.verifications.markUsed(row.id, now))) throw new StaleToken();
      if (row.channel === 'email') await tx.contacts.update(row.contactId, { email: row.target, emailVerified: true, status: 'Active' });
      else await tx.contacts.update(row.contactId, { phone: row.target, phoneVerified: true });
      await tx.verifications.voidOthers(row.contactId, row.channel, null, now);
      return { outcome: 'verified', contactName, channel: row.channel, target: row.target };
    }).catch(async (err: unknown) => {
      if (!(err instanceof StaleToken)) throw err;
      // Another confirm of the same token won the race (the transaction rolled back).
      const again = await this.find(token);
      return { outcome: again ? (stateOf(again.row, Date.now()) as 'expired' | 'used') : 'unknown' } as ConfirmResult;
    });
    return result;
  }

  private async find(token: string): Promise<{ row: VerificationToken; contactName: string; deleting: boolean } | undefined> {
    if (!TOKEN_SHAPE.test(token)) return undefined;
    const row = await this.store.verifications.findByHash(hashToken(token));
    if (!row) return undefined;
    const contact = await this.store.contacts.findById(row.contactId);
    return contact && { row, contactName: contact.name, deleting: contact.deletionStatus === 'Deleting' };
  }
}

class StaleToken extends Error {}

function stateOf(row: VerificationToken, now: number): TokenState {
  if (row.usedAt !== null) return 'used';
  if (row.voidedAt !== null || row.expiresAt <= now) return 'expired';
  return 'valid';
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Keyed by the token: a leaked table does not reveal codes without the tokens, which it does not hold. */
function hashCode(token: string, code: string): string {
  return createHmac('sha256', token).update(code).digest('hex');
}

function codeMatches(row: VerificationToken, token: string, code: string): boolean {
  const expected = Buffer.from(row.codeHash ?? '', 'hex');
  const actual = Buffer.from(hashCode(token, code), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function composeMessage(
  templates: MessageTemplates,
  m: { channel: Channel; target: string; contactId: string; contactName: string; accountId: string; link: string; code: string | undefined; ttlMs: number },
): VerificationMessage {
  const hours = Math.round(m.ttlMs / 3_600_000);
  const validity = hours >= 1 ? `${hours} hour${hours === 1 ? '' : 's'}` : `${Math.max(1, Math.round(m.ttlMs / 60_000))} minutes`;
  const base = { Id: randomUUID(), channel: m.channel, to: m.target, contactId: m.contactId, contactName: m.contactName, accountId: m.accountId, link: m.link };
  const values = { name: m.contactName, target: m.target, accountId: m.accountId, link: m.link, code: m.code ?? '', validity };
  if (m.channel === 'email') return { ...base, ...templates.email(values) };
  return { ...base, code: m.code!, subject: 'Message contact verification code', text: templates.sms(values) };
}
