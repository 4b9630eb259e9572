import { BlockList, isIP } from 'node:net';

/** Whether an address is in a set of IPv4/IPv6 addresses and CIDR blocks. */
export type IpRanges = (ip: string) => boolean;

/**
 * Reads addresses and CIDR blocks (`10.0.0.0/8`, `2001:db8::/32`, `192.0.2.7`); `bad(i, value)` is called
 * (and must throw) for one that is neither. An IPv4 address written IPv6-mapped (`::ffff:192.0.2.7`, how a
 * dual-stack socket reports an IPv4 peer) is checked as the IPv4 address.
 */
export function ipRanges(values: readonly string[], bad: (index: number, value: string) => never): IpRanges {
  const list = new BlockList();
  values.forEach((value, i) => {
    const [address = '', prefix, extra] = value.split('/');
    const family = isIP(address);
    const max = family === 4 ? 32 : 128;
    const bits = prefix === undefined ? max : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    if (family === 0 || extra !== undefined || !(bits >= 0 && bits <= max)) bad(i, value);
    list.addSubnet(address, bits, family === 4 ? 'ipv4' : 'ipv6');
  });
  return (ip) => {
    const plain = normaliseIp(ip);
    const family = isIP(plain);
    return family !== 0 && list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
  };
}

/** `::ffff:192.0.2.7` (how a dual-stack socket reports an IPv4 peer) reads as `192.0.2.7`. */
export function normaliseIp(ip: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return m ? m[1]! : ip;
}
