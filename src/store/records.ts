/**
 * What the repositories take and give for contacts and jobs: domain records (camelCase, booleans as
 * booleans, times as epoch milliseconds), never table rows. Columns that only the store needs (a contact's
 * lease, a job's claim) are filled and read by the repositories alone.
 */

export type Channel = 'email' | 'sms';

/** A message contact. `email`/`phone` are the shown values: the verified one, else the pending one. */
export interface ContactRecord {
  id: string;
  directoryId: string;
  name: string;
  email: string;
  emailVerified: boolean;
  phone: string | null;
  phoneVerified: boolean;
  title: string;
  /** Lifecycle: Verifying until the email is verified, then Active. */
  status: 'Verifying' | 'Active';
  /** An asynchronous deletion in progress, or the last one failed; null otherwise. */
  deletionStatus: 'Deleting' | 'Failed' | null;
  /** Why the last deletion failed: the (account, message types) it would have left without a contact. */
  deletionFailures: DeletionFailure[];
  createdAt: number;
}

export interface DeletionFailure {
  accountId: string;
  messageTypes: string[];
}

/** A contact as GetMessageContact and ListMessageContacts show it: with its message types (in their order) and its bindings (oldest first). */
export interface ContactWithDetails {
  contact: ContactRecord;
  messageTypes: string[];
  bindings: Binding[];
}

/** What an update of a contact may change. */
export type ContactChanges = Partial<Pick<ContactRecord, 'name' | 'title' | 'email' | 'emailVerified' | 'phone' | 'phoneVerified' | 'status'>>;

/** A pending (unverified) email address or phone number of a contact: at most one per channel. */
export interface PendingVerification {
  contactId: string;
  channel: Channel;
  target: string;
  createdAt: number;
}

/** A contact to insert with its message types (distinct, in order) and its pending verifications. */
export interface NewContactRows {
  contact: ContactRecord;
  messageTypes: readonly string[];
  pending: readonly PendingVerification[];
}

/** A job of the durable queue, as its handler sees it once claimed. */
export interface Job {
  id: string;
  kind: string;
  /** What the job is about (e.g. a contact ID): finds the pending job of a subject. */
  subject: string;
  /** JSON, the handler's own. */
  payload: string;
  /** Waiting in the queue, claimed by a runner, or finished. */
  state: 'ready' | 'running' | 'done' | 'failed';
  /** Claims so far, a running job's own included. */
  attempts: number;
}

/** A job to enqueue; it is not claimed before `runAfter` (a delayed job waits in the queue, not in a runner). */
export interface NewJob {
  id: string;
  kind: string;
  subject: string;
  payload: string;
  runAfter: number;
  createdAt: number;
}

/** A resource directory: one per management account, with its Root folder. */
export interface DirectoryRecord {
  id: string;
  accountId: string;
  rootFolderId: string;
  masterAccountName: string;
  createdAt: number;
}

export interface FolderRecord {
  id: string;
  directoryId: string;
  /** Null for the Root folder. */
  parentId: string | null;
  name: string;
  /** 0 for the Root folder, 1..5 below it. */
  depth: number;
  createdAt: number;
}

/** One ancestor of a folder (the folder itself at distance 0). */
export interface Ancestor {
  descendantId: string;
  distance: number;
  id: string;
  name: string;
  createdAt: number;
}

export interface AccountRecord {
  id: string;
  directoryId: string;
  folderId: string;
  displayName: string;
  accountName: string;
  type: string;
  status: string;
  joinMethod: string;
  joinTime: number;
  modifyTime: number;
}

/** A tag of one folder or member account. */
export interface TagRecord {
  resourceId: string;
  key: string;
  value: string;
}

/** Which tags a list wants: of one kind of resource in one directory, maybe only some resources and keys. */
export interface TagQuery {
  directoryId: string;
  kind: 'account' | 'folder';
  /** Only these resources (undefined: every resource of that kind in the directory). */
  resourceIds: readonly string[] | undefined;
  /** Only tags matching one of these (a key, and the value when one is given); empty: every tag. */
  filters: ReadonlyArray<{ key: string; value: string | undefined }>;
}

/** A directory's member settings; a directory that never set them has both Disabled. */
export interface DirectorySettings {
  memberDeletionStatus: string;
  displayNameSyncStatus: string;
}

export type DeletionState = 'Checking' | 'Deleting' | 'Success' | 'CheckFailed' | 'DeleteFailed';

/** A member's deletion, kept after the account is gone (clients poll its status). */
export interface AccountDeletion {
  accountId: string;
  directoryId: string;
  managementAccountId: string;
  status: DeletionState;
  deletionType: string;
  /** JSON [{Name, Description}] of a failed check, else null. */
  failReasons: string | null;
  createdAt: number;
  deletionTime: number | null;
}

/** A direct binding of a contact to the directory, a folder or an account. */
export interface Binding {
  contactId: string;
  /** As the caller gave it: rd-, r-, fd- or a 16-digit account ID. */
  memberId: string;
  directoryId: string;
  /** The folder whose subtree the binding covers (the Root folder for rd- and r-); null for an account. */
  folderId: string | null;
  /** The bound account; null for a directory or folder binding. */
  accountId: string | null;
  createdAt: number;
  /** Order within the call that made it: Members are listed as they were given. */
  position: number;
}

/** An (account, message type) pair: a unit of coverage. */
export interface CoveragePair {
  accountId: string;
  messageType: string;
}

/** A contact kept by a member account after its contact was deleted with RetainContactInMembers=true. */
export interface RetainedContact {
  accountId: string;
  messageType: string;
  sourceContactId: string;
  directoryId: string;
  name: string;
  email: string;
  phone: string | null;
  title: string;
  retainedAt: number;
}

/** A verification link sent for a pending target. Only hashes of the token and of the SMS code are kept. */
export interface VerificationToken {
  id: string;
  tokenHash: string;
  contactId: string;
  channel: Channel;
  target: string;
  codeHash: string | null;
  attempts: number;
  expiresAt: number;
  usedAt: number | null;
  voidedAt: number | null;
  createdAt: number;
}

export type OutboxState = 'captured' | 'queued' | 'sent' | 'failed';

/**
 * A verification message. `captured` ones (no real transport for the channel) are served by
 * GET /_rdc/outbox; `queued` ones wait for the delivery job, then are `sent` or `failed`.
 */
export interface OutboxMessage {
  id: string;
  channel: Channel;
  to: string;
  subject: string;
  text: string;
  /** The HTML part of an email. */
  html: string | null;
  link: string;
  code: string | null;
  contactId: string;
  /** The tenant (management account) it was sent for; null only for rows whose contact was gone at migration 008. */
  accountId: string | null;
  /** When the message was made (captured or queued). */
  sentAt: number;
  state: OutboxState;
  /** Delivery attempts made. */
  attempts: number;
  lastError: string | null;
  deliveredAt: number | null;
  /** The published message (PublishMessage) a captured mail or SMS belongs to; null for a verification message. */
  messageId: string | null;
}

/** The member accounts a question is about: one account, every account below a folder, or the whole directory. */
export type AccountScope = { kind: 'account'; accountId: string } | { kind: 'folder'; folderId: string } | { kind: 'directory' };

/** How a recipient is reached for an account: a binding (to the account, a folder above it, the directory) or a retained member contact. */
export type RouteType = 'Account' | 'Folder' | 'ResourceDirectory' | 'Retained';

/** A contact (or retained member contact) that receives a message type for some accounts of a scope. */
export interface ResolvedRecipient {
  contactId: string;
  name: string;
  title: string;
  /** The verified email address; '' for none. */
  email: string;
  /** The verified phone number; '' for none. */
  phone: string;
  /**
   * Every route that reaches it, each once, by type and ID: the bound member ID (rd-, r-, fd- or the account),
   * or for a retained contact, the account that keeps it.
   */
  via: Array<{ type: RouteType; id: string }>;
}

/** How many accounts of a scope each folder holds directly (RecipientRepository.tally). */
export interface ScopeTally {
  directoryId: string;
  scope: AccountScope;
  perFolder: Map<string, number>;
}

/** A member account named in a notice. */
export interface NamedAccount {
  accountId: string;
  displayName: string;
}

/** The accounts of a scope a recipient covers: how many, and the first of them by ID (a notice names those). */
export interface RecipientCoverage {
  accountCount: number;
  accounts: NamedAccount[];
}

/** A member account of an AccountScope. */
export interface ScopedAccount {
  accountId: string;
  displayName: string;
  folderId: string;
}

/** A published notice. */
export interface MessageRecord {
  id: string;
  tenant: string;
  directoryId: string;
  messageType: string;
  subject: string;
  content: string;
  targetId: string;
  clientToken: string | null;
  accountCount: number;
  recipientCount: number;
  createdAt: number;
  /**
   * The directory's placement sequence at publishing: its accounts are the placements open at it within its
   * target. Null for a message published before migration 015, whose every account is recorded with it.
   */
  placementSeq: number | null;
  /** The path of the folder it targets (the Root folder's for the directory); null for an account, or before 015. */
  targetPath: string | null;
}

/** A member account a message concerned, in the folder it was in; not `covered` when nobody received it for that account. */
export interface MessageAccountRecord {
  accountId: string;
  displayName: string;
  folderId: string;
  covered: boolean;
}

/**
 * A contact (or retained member contact) a message reached, with its verified targets ('' for none) and routes
 * at the time, how many of the message's accounts it covered and the first of them by ID.
 */
export interface RecipientRecord extends ResolvedRecipient, RecipientCoverage {}

export type DeliveryState = 'Queued' | 'Sent' | 'Failed' | 'Suppressed';

/** One send of a message: to a recipient over email or SMS, or to a webhook. */
export interface DeliveryRecord {
  id: string;
  messageId: string;
  channel: 'email' | 'sms' | 'webhook';
  to: string;
  contactId: string | null;
  webhookId: string | null;
  state: DeliveryState;
  attempts: number;
  lastError: string | null;
  sentAt: number | null;
  createdAt: number;
}

/** Which of a tenant's messages ListMessages lists. */
export interface MessageFilter {
  tenant: string;
  messageType?: string;
  accountId?: string;
}

export type WebhookFormat = 'standard' | 'dingtalk' | 'feishu' | 'slack';

/** A webhook a tenant's published messages of some types are POSTed to; `secret` null: unsigned. */
export interface WebhookRecord {
  id: string;
  tenant: string;
  url: string;
  format: WebhookFormat;
  secret: string | null;
  messageTypes: string[];
  createdAt: number;
}

/** A bearer token Alertmanager presents at POST /alertmanager/v1/webhook; the store keeps only `tokenHash`. */
export interface AlertmanagerReceiverRecord {
  id: string;
  tenant: string;
  tokenHash: string;
  createdAt: number;
}

/** One stored event of the audit trail: the columns looked up by, and the event itself as JSON (`record`). */
export interface AuditEventEntry {
  eventId: string;
  tenant: string;
  /** Milliseconds since the epoch: events of one second keep their order. */
  eventTime: number;
  eventName: string;
  serviceName: string;
  eventRw: string;
  accessKeyId: string;
  userName: string;
  sourceIp: string;
  record: string;
}

/** The columns an event can be looked up by, each an exact (case-sensitive) match. */
export type AuditFilterField = 'eventId' | 'eventName' | 'serviceName' | 'eventRw' | 'accessKeyId' | 'userName' | 'sourceIp';

/** A captured verification message as GET /_rdc/outbox and ListOutboxMessages show it. */
export type CapturedMessage = Pick<OutboxMessage, 'id' | 'channel' | 'to' | 'subject' | 'text' | 'link' | 'code' | 'contactId' | 'sentAt' | 'messageId'>;

/** A console session as the store keeps it: the SHA-256 of its token, never the token. */
export interface ConsoleSessionRecord {
  tokenHash: string;
  keyId: string;
  createdAt: number;
  expiresAt: number;
  /** The note for the next page the session sees (a POST's outcome), if any. */
  flash: { tone: 'success' | 'error'; text: string } | null;
}
