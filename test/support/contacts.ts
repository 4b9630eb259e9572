/**
 * Helpers for the message-contact tests: error assertions, a seeded directory tree, and completing a
 * verification the way a person would (the link and code of the message in the outbox).
 */
import assert from 'node:assert/strict';
import { newId } from '../../src/ids.js';
import { ApiError } from '../../src/errors/api-error.js';
import type { ResourceDirectory } from '../../src/domain/directory.js';
import type { ConfirmResult } from '../../src/domain/verification.js';
import type { ContactRecord } from '../../src/store/records.js';
import { errorOf, type ApiParams, type Call } from './clients.js';
import type { TestServer } from './server.js';

/** Asserts the call fails with `code`, its documented HTTP status and documented message. */
export async function expectError(call: Promise<unknown>, code: string): Promise<void> {
  const expected = new ApiError(code as never);
  let thrown: unknown;
  try {
    await call;
  } catch (err) {
    thrown = err;
  }
  assert.ok(thrown !== undefined, `expected ${code}, but the call succeeded`);
  const e = errorOf(thrown);
  assert.equal(e.code, code, `expected ${code}, got ${e.code}: ${e.message}`);
  assert.equal(e.status, expected.status, `${code}: HTTP status`);
  assert.equal(e.data?.Message, expected.message, `${code}: message`);
  assert.match(String(e.data?.RequestId), /^[0-9A-F-]{36}$/);
}

/** Enables the root tenant's resource directory. */
export async function enableDirectory(server: TestServer): Promise<ResourceDirectory> {
  await server.client()('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
  return server.app.services.directory.require(server.root.accountId);
}

/** Adds a folder under `parentId` (depth is the parent's + 1) straight into the store. */
export async function addFolder(server: TestServer, rd: ResourceDirectory, parentId: string, depth: number, name = 'f' + newId.folder().slice(3)): Promise<string> {
  const id = newId.folder();
  await server.store.folders.insertFolder({ id, directoryId: rd.id, parentId, name, depth, createdAt: Date.now() });
  return id;
}

/** Adds a member account in `folderId` straight into the store. */
export async function addAccount(server: TestServer, rd: ResourceDirectory, folderId: string): Promise<string> {
  const id = newId.account();
  const now = Date.now();
  await server.store.accounts.insertAccount({
    id,
    directoryId: rd.id,
    folderId,
    displayName: 'acct-' + id,
    accountName: `acct-${id}@example.com`,
    type: 'ResourceAccount',
    status: 'CreateSuccess',
    joinMethod: 'created',
    joinTime: now,
    modifyTime: now,
  });
  return id;
}

export const EMAIL = 'someone@example.com';
export const PHONE = '86-13900001234';

let names = 0;
/** A fresh valid contact name (letters only). */
export function contactName(): string {
  names++;
  let n = names;
  let suffix = '';
  do {
    suffix = String.fromCharCode(97 + (n % 26)) + suffix;
    n = Math.floor(n / 26);
  } while (n > 0);
  return 'Tom' + suffix;
}

/** An Active contact with a verified email, for tests that write straight into the store. */
export function activeContactRecord(directoryId: string, name: string, createdAt = Date.now()): ContactRecord {
  return {
    id: newId.contact(),
    directoryId,
    name,
    email: `${name}@example.com`,
    emailVerified: true,
    phone: null,
    phoneVerified: false,
    title: 'CEO',
    status: 'Active',
    deletionStatus: null,
    deletionFailures: [],
    createdAt,
  };
}

/** A captured message as GET /_rdc/outbox and ListOutboxMessages answer it. */
export interface OutboxMessage {
  Id: string;
  Channel: 'email' | 'sms';
  To: string;
  Subject: string;
  Text: string;
  Link: string;
  Code: string | null;
  ContactId: string;
  SentAt: string;
  /** The published message (PublishMessage) of a notice; null for a verification message. */
  MessageId: string | null;
}

/** Adds a contact and returns its ID. */
export async function addContact(call: Call, params: ApiParams = {}): Promise<string> {
  const body = await call('AddMessageContact', {
    Name: contactName(),
    EmailAddress: EMAIL,
    Title: 'TechnicalDirector',
    MessageTypes: ['AccountExpenses'],
    ...params,
  });
  return body.Contact.ContactId;
}

/** The newest message of a contact's channel in the outbox. */
export async function lastMessage(server: TestServer, contactId: string, channel: 'email' | 'sms') {
  const message = (await server.store.outbox.list(contactId)).filter((m) => m.channel === channel).at(-1);
  assert.ok(message, `no ${channel} message for ${contactId} in the outbox`);
  return message;
}

/** The token of a verification link. */
export function tokenOf(link: string): string {
  const m = /\/verify\/([A-Za-z0-9_-]+)$/.exec(link);
  assert.ok(m, `not a verification link: ${link}`);
  return m[1]!;
}

/** Opens the newest link of the channel and confirms it (with the SMS code), as the person would. */
export async function completeVerification(server: TestServer, contactId: string, channel: 'email' | 'sms'): Promise<ConfirmResult> {
  const message = await lastMessage(server, contactId, channel);
  return server.app.services.verification.confirm(tokenOf(message.link), message.code ?? undefined);
}

/** Adds a contact, sends its email verification and completes it: an Active contact. */
export async function addActiveContact(server: TestServer, call: Call, params: ApiParams = {}): Promise<string> {
  const id = await addContact(call, params);
  await call('SendEmailVerificationForMessageContact', { ContactId: id, EmailAddress: (params.EmailAddress as string | undefined) ?? EMAIL });
  assert.equal((await completeVerification(server, id, 'email')).outcome, 'verified');
  return id;
}
