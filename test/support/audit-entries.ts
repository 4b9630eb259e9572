import type { AuditEventEntry } from '../../src/store/records.js';

/** The tenant of the entries made here. */
export const AUDIT_TENANT = '1000000000000042';
let next = 0;

/** An audit event as the store takes it, numbered in the order made; `text` goes in the filter columns and the record. */
export function auditEntry(text: string): AuditEventEntry {
  const i = next++;
  return {
    eventId: `EVENT-${String(i).padStart(6, '0')}`,
    tenant: AUDIT_TENANT,
    eventTime: 1_765_000_000_000 + i,
    eventName: `Get${text}`,
    serviceName: 'ResourceManager',
    eventRw: 'Read',
    accessKeyId: `LTAI${text}`,
    userName: `user ${text}`,
    sourceIp: `10.0.0.${i % 256}`,
    record: JSON.stringify({ eventId: i, text }),
  };
}
