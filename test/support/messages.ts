/** Helpers for the publishing tests: contacts seeded straight into the store, and waiting for a message's deliveries. */
import assert from 'node:assert/strict';
import type { ResourceDirectory } from '../../src/domain/directory.js';
import type { Store } from '../../src/store/store.js';
import { activeContactRecord, contactName } from './contacts.js';
import type { Call } from './clients.js';

export interface SeededContact {
  id: string;
  name: string;
  email: string;
  phone: string | null;
}

/**
 * An Active contact with a verified email address (and a verified phone when given) receiving `types`,
 * bound to `members` (the directory, a folder or a member account), written straight into the store.
 */
export async function seedContact(store: Store, rd: ResourceDirectory, types: string[], members: string[], phone?: string): Promise<SeededContact> {
  const row = activeContactRecord(rd.id, contactName());
  row.email = `${row.name.toLowerCase()}@example.com`;
  if (phone !== undefined) Object.assign(row, { phone, phoneVerified: true });
  await store.contacts.insert(row, types, []);
  await store.bindings.bind(
    members.map((id, position) => ({
      contactId: row.id,
      memberId: id,
      directoryId: rd.id,
      folderId: id === rd.id ? rd.rootFolderId : /^(r|fd)-/.test(id) ? id : null,
      accountId: /^\d{16}$/.test(id) ? id : null,
      createdAt: Date.now(),
      position,
    })),
  );
  return { id: row.id, name: row.name, email: row.email, phone: phone ?? null };
}

/** GetMessage, polled until no delivery is Queued any more (or `timeoutMs` passes). */
export async function settledMessage(call: Call, messageId: string, timeoutMs = 30_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { Message } = await call('GetMessage', { MessageId: messageId });
    if (!Message.Deliveries.some((d: { State: string }) => d.State === 'Queued')) return Message;
    assert.ok(Date.now() < deadline, `deliveries of ${messageId} still queued: ${JSON.stringify(Message.Deliveries.filter((d: { State: string }) => d.State === 'Queued'))}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
