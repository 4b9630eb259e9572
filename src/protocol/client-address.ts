import type { IncomingHttpHeaders } from 'node:http';
import { ipRanges, normaliseIp, type IpRanges } from '../auth/ip-ranges.js';
import { ConfigError } from '../config.js';

/** Who a request is from, as RAM conditions (`acs:SourceIp`, `acs:SecureTransport`) and the access log see it. */
export interface ClientAddress {
  ip: string;
  secure: boolean;
}

/** The connection a request arrived on: the peer's address and whether it is TLS. */
export interface Peer {
  address: string;
  encrypted: boolean;
}

/** The proxies of RDC_TRUSTED_PROXIES (CIDR blocks); a bad entry stops the start with one line. */
export function trustedProxies(cidrs: readonly string[]): IpRanges | undefined {
  if (cidrs.length === 0) return undefined;
  return ipRanges(cidrs, (_i, value) => {
    throw new ConfigError(`RDC_TRUSTED_PROXIES (--trusted-proxies) must be IPv4 or IPv6 addresses or CIDR blocks, got "${value}"`);
  });
}

/** One hop a proxy reported: the address it received the request from, and over what. */
interface Hop {
  for: string;
  proto: string | undefined;
}

/**
 * The client of a request. From a peer that is not a trusted proxy: the peer itself, forwarding headers
 * ignored (anyone can send them). From a trusted proxy: its hops (RFC 7239 `Forwarded`, else
 * `X-Forwarded-For` with `X-Forwarded-Proto`) are walked from the right, each added by the proxy before it,
 * and the client is the right-most hop that is not a trusted proxy itself (what a client wrote further
 * left is its own claim, never believed). TLS is what that hop's proxy reported (`proto=https`).
 */
export function clientAddress(peer: Peer, headers: IncomingHttpHeaders, trusted: IpRanges | undefined): ClientAddress {
  let client: ClientAddress = { ip: normaliseIp(peer.address), secure: peer.encrypted };
  if (!trusted || !trusted(client.ip)) return client;
  const hops = forwardedHops(headers);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    client = { ip: normaliseIp(hop.for), secure: hop.proto === undefined ? client.secure : hop.proto.toLowerCase() === 'https' };
    // An address that is not an IP (`unknown`, an obfuscated `_node`) ends the walk: it stays the client,
    // so an IpAddress condition never matches it.
    if (!trusted(client.ip)) break;
  }
  return client;
}

/** The hops of `Forwarded` (when sent), else of `X-Forwarded-For` / `X-Forwarded-Proto`, left to right. */
function forwardedHops(headers: IncomingHttpHeaders): Hop[] {
  const forwarded = headers.forwarded;
  if (forwarded !== undefined) return forwardedElements(forwarded).filter((hop): hop is Hop => hop.for !== undefined);
  const addresses = commaList(headers['x-forwarded-for']);
  const protos = commaList(headers['x-forwarded-proto']);
  // One proto (set once at the edge, passed on by the rest) is the client's; a list pairs with the addresses from the right.
  return addresses.map((address, i) => ({
    for: nodeAddress(address),
    proto: protos.length === 1 ? protos[0] : protos[protos.length - (addresses.length - i)],
  }));
}

/** RFC 7239: `for=192.0.2.60;proto=https, for="[2001:db8::1]:4711"` → its elements' `for` and `proto`. */
function forwardedElements(value: string | string[]): Array<{ for: string | undefined; proto: string | undefined }> {
  return commaList(value).map((element) => {
    const pairs = new Map<string, string>();
    for (const pair of element.split(';')) {
      const eq = pair.indexOf('=');
      if (eq > 0) pairs.set(pair.slice(0, eq).trim().toLowerCase(), unquote(pair.slice(eq + 1).trim()));
    }
    const node = pairs.get('for');
    return { for: node === undefined ? undefined : nodeAddress(node), proto: pairs.get('proto') };
  });
}

/** A node of `Forwarded`: `192.0.2.60`, `192.0.2.60:4711`, `[2001:db8::1]`, `[2001:db8::1]:4711`, `unknown`. */
function nodeAddress(node: string): string {
  const v6 = /^\[([^\]]+)\](?::\d+)?$/.exec(node);
  if (v6) return v6[1]!;
  const v4 = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(node);
  return v4 ? v4[1]! : node;
}

function unquote(value: string): string {
  return value.startsWith('"') && value.endsWith('"') && value.length >= 2 ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;
}

/** The entries of a comma-separated header (repeated headers joined), trimmed, empty ones dropped. */
function commaList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value.join(',') : value)
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
}
