/**
 * Table types for Kysely. Times are integer milliseconds since the epoch (UTC); booleans are 0/1
 * integers; both read the same on SQLite and PostgreSQL.
 */
import type { Generated } from 'kysely';

export interface MetaTable {
  key: string;
  value: string;
}

export interface NonceTable {
  access_key_id: string;
  nonce: string;
  expires_at: number;
}

/** Nonces claimed on a SQLite node, one row per flush: `entries` is JSON [[accessKeyId, nonce, expiresAt], …]. */
export interface NonceBatchTable {
  id: string;
  /** The latest expiry in the batch: the row can go once it has passed. */
  expires_at: number;
  entries: string;
}

export interface DirectoryTable {
  id: string;
  account_id: string;
  root_folder_id: string;
  master_account_name: string;
  created_at: number;
  /** Contacts of the directory, kept by ContactRepository.insert and remove (migration 007). */
  contact_count: Generated<number>;
  /** Advanced by every change of its accounts' placements, in the change's transaction (migration 015). */
  placement_seq: Generated<number>;
}

export interface FolderTable {
  id: string;
  directory_id: string;
  parent_id: string | null;
  name: string;
  /** 0 for the Root folder, 1..5 below it. */
  depth: number;
  created_at: number;
  /** `/<Root ID>/<ID>/…/<own ID>/`: folders never move, so the path never changes (migration 015). */
  path: string;
  /** The member accounts directly in it, kept with their placements (PlacementRepository.record; migration 015). */
  account_count: Generated<number>;
}

/** Every (ancestor, descendant) pair of folders, a folder being its own ancestor at distance 0. */
export interface FolderClosureTable {
  ancestor_id: string;
  descendant_id: string;
  distance: number;
}

export interface AccountTable {
  id: string;
  directory_id: string;
  folder_id: string;
  display_name: string;
  account_name: string;
  type: string;
  status: string;
  join_method: string;
  join_time: number;
  modify_time: number;
}

export interface TagTable {
  resource_id: string;
  key: string;
  value: string;
}

export interface JobTable {
  id: string;
  kind: string;
  subject: string;
  payload: string;
  state: 'ready' | 'running' | 'done' | 'failed';
  run_at: number;
  lease_owner: string | null;
  lease_until: number | null;
  attempts: number;
  last_error: string | null;
  created_at: number;
}

/** One API call of the audit trail: `record` is the event as JSON; the other columns are for lookups. */
export interface AuditEventTable {
  event_id: string;
  tenant: string;
  event_time: number;
  event_name: string;
  service_name: string;
  event_rw: string;
  access_key_id: string;
  user_name: string;
  source_ip: string;
  record: string;
}

export interface Database {
  meta: MetaTable;
  nonces: NonceTable;
  nonce_batches: NonceBatchTable;
  directories: DirectoryTable;
  folders: FolderTable;
  folder_closure: FolderClosureTable;
  accounts: AccountTable;
  tags: TagTable;
  jobs: JobTable;
  contacts: ContactTable;
  contact_message_types: ContactMessageTypeTable;
  contact_bindings: ContactBindingTable;
  contact_verifications: ContactVerificationTable;
  verification_tokens: VerificationTokenTable;
  verification_sends: VerificationSendTable;
  outbox: OutboxTable;
  retained_contacts: RetainedContactTable;
  audit_events: AuditEventTable;
  directory_settings: DirectorySettingsTable;
  account_payers: AccountPayerTable;
  account_deletion_checks: AccountDeletionCheckTable;
  account_deletions: AccountDeletionTable;
  messages: MessageTable;
  message_accounts: MessageAccountTable;
  account_placements: AccountPlacementTable;
  message_recipients: MessageRecipientTable;
  message_deliveries: MessageDeliveryTable;
  message_sends: MessageSendTable;
  message_webhooks: MessageWebhookTable;
  alertmanager_receivers: AlertmanagerReceiverTable;
  nodes: NodeTable;
  console_sessions: ConsoleSessionTable;
}

/** A server serving this store, and when it last said it was alive (src/domain/node-presence.ts). */
export interface NodeTable {
  id: string;
  started_at: number;
  seen_at: number;
}

/** A message contact. `email`/`phone` are the shown values: the verified one, else the pending one. */
export interface ContactTable {
  id: string;
  directory_id: string;
  name: string;
  email: string;
  email_verified: number;
  phone: string | null;
  phone_verified: number;
  title: string;
  /** Lifecycle: Verifying until the email is verified, then Active. */
  status: 'Verifying' | 'Active';
  /** An asynchronous deletion in progress, or the last one failed; null otherwise. */
  deletion_status: 'Deleting' | 'Failed' | null;
  /** JSON [{accountId, messageTypes}] of the last failed deletion (records.ts: DeletionFailure). */
  deletion_failures: string | null;
  /** The mutation that holds the contact (claimed with a conditional update), until when, and its node. */
  lease_owner: string | null;
  lease_until: number | null;
  lease_node: string | null;
  created_at: number;
}

export interface ContactMessageTypeTable {
  contact_id: string;
  message_type: string;
  /** Order as given: clients keep the list (Terraform's message_types is a list). */
  position: number;
}

/** A direct binding of a contact to the directory, a folder or an account. */
export interface ContactBindingTable {
  contact_id: string;
  /** As the caller gave it: rd-, r-, fd- or a 16-digit account ID. */
  member_id: string;
  directory_id: string;
  /** The folder whose subtree the binding covers (the Root folder for rd- and r-); null for an account. */
  folder_id: string | null;
  /** The bound account; null for a directory or folder binding. */
  account_id: string | null;
  created_at: number;
  /** Order within the call that made it: Members are listed as they were given. */
  position: number;
}

/** A pending (unverified) email address or phone number of a contact: at most one per channel. */
export interface ContactVerificationTable {
  contact_id: string;
  channel: 'email' | 'sms';
  target: string;
  created_at: number;
}

/** A verification link sent for a pending target. Only hashes of the token and of the SMS code are kept. */
export interface VerificationTokenTable {
  id: string;
  token_hash: string;
  contact_id: string;
  channel: 'email' | 'sms';
  target: string;
  code_hash: string | null;
  attempts: number;
  expires_at: number;
  used_at: number | null;
  voided_at: number | null;
  created_at: number;
}

/** Successful verification sends per management account, channel and UTC day (the daily limit). */
export interface VerificationSendTable {
  account_id: string;
  channel: 'email' | 'sms';
  day: string;
  count: number;
}

/**
 * Every verification message. `captured` ones (no real transport for the channel) are served by
 * GET /_rdc/outbox; `queued` ones wait for the delivery job, then are `sent` or `failed`.
 */
export interface OutboxTable {
  id: string;
  channel: 'email' | 'sms';
  to: string;
  subject: string;
  text: string;
  link: string;
  code: string | null;
  contact_id: string;
  /** The tenant (management account) it was sent for; null only for rows whose contact was gone at migration 008. */
  account_id: string | null;
  /** When the message was made (captured or queued). */
  sent_at: number;
  state: 'captured' | 'queued' | 'sent' | 'failed';
  /** The HTML part of an email. */
  html: string | null;
  /** Delivery attempts made. */
  attempts: number;
  last_error: string | null;
  delivered_at: number | null;
  /** The published message a captured mail or SMS belongs to; null for a verification message. */
  message_id: string | null;
}


/** A contact kept by a member account after its contact was deleted with RetainContactInMembers=true. */
export interface RetainedContactTable {
  account_id: string;
  message_type: string;
  source_contact_id: string;
  directory_id: string;
  name: string;
  email: string;
  phone: string | null;
  title: string;
  retained_at: number;
}

/** A directory's member settings (SetMemberDeletionPermission, SetMemberDisplayNameSyncStatus). */
export interface DirectorySettingsTable {
  directory_id: string;
  member_deletion_status: string;
  display_name_sync_status: string;
}

/** The billing account of a member that does not settle its own bills. */
export interface AccountPayerTable {
  account_id: string;
  directory_id: string;
  payer_account_id: string;
}

/** A deletion pre-check asked for a member (CheckAccountDelete); its result is worked out when read. */
export interface AccountDeletionCheckTable {
  account_id: string;
  directory_id: string;
  created_at: number;
}

/** A member's deletion: asked, checked, carried out; kept after the member is gone. */
export interface AccountDeletionTable {
  account_id: string;
  directory_id: string;
  management_account_id: string;
  status: 'Checking' | 'Deleting' | 'Success' | 'CheckFailed' | 'DeleteFailed';
  deletion_type: string;
  /** JSON [{Name, Description}] of a failed check. */
  fail_reasons: string | null;
  created_at: number;
  deletion_time: number | null;
}

/** A published notice (PublishMessage). `tenant` is the management account that published it. */
export interface MessageTable {
  id: string;
  tenant: string;
  directory_id: string;
  message_type: string;
  subject: string;
  content: string;
  target_id: string;
  /** The caller's idempotency token, answered with this message for 24 hours. */
  client_token: string | null;
  account_count: number;
  recipient_count: number;
  created_at: number;
  /** The directory's placement sequence it was published at; NULL before 015 (its message_accounts list every account). */
  placement_seq: number | null;
  /** The path of the folder it targets (the Root folder's for the directory); NULL for an account, or before 015. */
  target_path: string | null;
}

/**
 * A period a member account spent in one place, from the directory's placement sequence `since_seq` to
 * `until_seq` (NULL while it lasts): open at sequence s when since_seq <= s < until_seq.
 */
export interface AccountPlacementTable {
  account_id: string;
  directory_id: string;
  since_seq: number;
  until_seq: number | null;
  /** When it was closed (housekeeping waits a while before removing it). */
  closed_at: number | null;
  display_name: string;
  folder_id: string;
  folder_path: string;
}

/**
 * A member account a message concerned; `covered` 0 when nobody received it for that account. Every account of
 * a message published before 015; only the uncovered ones since (its accounts are in account_placements).
 */
export interface MessageAccountTable {
  message_id: string;
  account_id: string;
  display_name: string;
  /** The account's folder when the message was published ('' for a message published before 014). */
  folder_id: string;
  covered: number;
}

/** A contact (or retained member contact) a message reached, with its verified targets at the time. */
export interface MessageRecipientTable {
  message_id: string;
  contact_id: string;
  name: string;
  title: string;
  /** Verified targets only; '' for none. */
  email: string;
  phone: string;
  /** JSON array of its routes ({type, id}, as ResolveMessageRecipients' Via). */
  via: string;
  /** How many of the message's accounts it covers. */
  account_count: number;
  /** JSON array of the first of them by ID ({accountId, displayName}), the ones its notice names. */
  accounts: string;
}

export type DeliveryState = 'Queued' | 'Sent' | 'Failed' | 'Suppressed';

/** One send of a message: to a recipient over email or SMS, or to a webhook. */
export interface MessageDeliveryTable {
  id: string;
  message_id: string;
  channel: 'email' | 'sms' | 'webhook';
  to: string;
  contact_id: string | null;
  webhook_id: string | null;
  state: DeliveryState;
  attempts: number;
  last_error: string | null;
  sent_at: number | null;
  created_at: number;
}

/** Message deliveries per recipient (address or number), channel and UTC day (RDC_MESSAGE_DAILY_LIMIT). */
export interface MessageSendTable {
  channel: 'email' | 'sms';
  to: string;
  day: string;
  count: number;
}

/** A webhook a tenant's published messages of some types are POSTed to. */
export interface MessageWebhookTable {
  id: string;
  tenant: string;
  url: string;
  format: 'standard' | 'dingtalk' | 'feishu' | 'slack';
  /** The signing secret (null: unsigned). */
  secret: string | null;
  /** JSON array of message types. */
  message_types: string;
  created_at: number;
}

/** A bearer token Alertmanager presents at POST /alertmanager/v1/webhook; only its hash is kept. */
export interface AlertmanagerReceiverTable {
  id: string;
  tenant: string;
  token_hash: string;
  created_at: number;
}

/** A console session: the SHA-256 of its token (never the token), its key, its expiry and the note for the next page. */
export interface ConsoleSessionTable {
  token_hash: string;
  key_id: string;
  created_at: number;
  expires_at: number;
  flash_tone: string | null;
  flash_text: string | null;
}
