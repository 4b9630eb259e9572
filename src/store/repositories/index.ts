import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { StoreTraits } from '../traits.js';
import { MetaRepository } from './meta.js';
import { DirectoryRepository } from './directories.js';
import { FolderRepository } from './folders.js';
import { AccountRepository } from './accounts.js';
import { TagRepository } from './tags.js';
import { JobRepository } from './jobs.js';
import { ContactRepository } from './contacts.js';
import { BindingRepository } from './bindings.js';
import { CoverageRepository } from './coverage.js';
import { VerificationRepository } from './verifications.js';
import { OutboxRepository } from './outbox.js';
import { TenantOutboxRepository } from './tenant-outbox.js';
import { HousekeepingRepository } from './housekeeping.js';
import { AuditEventRepository } from './audit-events.js';
import { DirectorySettingsRepository } from './directory-settings.js';
import { AccountLifecycleRepository } from './account-lifecycle.js';
import { RecipientRepository } from './recipients.js';
import { MessageRepository } from './messages.js';
import { WebhookRepository } from './webhooks.js';
import { NodeRepository } from './nodes.js';
import { ConsoleSessionRepository } from './console-sessions.js';
import { PlacementRepository } from './placements.js';

/** The repositories over one executor: the store itself, or a transaction. One per aggregate. */
export class Repositories {
  readonly meta: MetaRepository;
  readonly directories: DirectoryRepository;
  readonly folders: FolderRepository;
  readonly accounts: AccountRepository;
  readonly tags: TagRepository;
  readonly jobs: JobRepository;
  readonly contacts: ContactRepository;
  readonly bindings: BindingRepository;
  readonly coverage: CoverageRepository;
  readonly verifications: VerificationRepository;
  readonly outbox: OutboxRepository;
  readonly tenantOutbox: TenantOutboxRepository;
  readonly housekeeping: HousekeepingRepository;
  readonly auditEvents: AuditEventRepository;
  readonly settings: DirectorySettingsRepository;
  readonly lifecycle: AccountLifecycleRepository;
  readonly recipients: RecipientRepository;
  readonly messages: MessageRepository;
  readonly webhooks: WebhookRepository;
  readonly nodes: NodeRepository;
  readonly consoleSessions: ConsoleSessionRepository;
  readonly placements: PlacementRepository;

  constructor(protected readonly db: Kysely<Database>, traits: StoreTraits) {
    this.meta = new MetaRepository(db);
    this.directories = new DirectoryRepository(db);
    this.folders = new FolderRepository(db);
    this.accounts = new AccountRepository(db);
    this.tags = new TagRepository(db);
    this.jobs = new JobRepository(db, traits);
    this.contacts = new ContactRepository(db, traits);
    this.bindings = new BindingRepository(db);
    this.coverage = new CoverageRepository(db, traits);
    this.verifications = new VerificationRepository(db);
    this.outbox = new OutboxRepository(db);
    this.tenantOutbox = new TenantOutboxRepository(db);
    this.housekeeping = new HousekeepingRepository(db, traits);
    this.auditEvents = new AuditEventRepository(db);
    this.settings = new DirectorySettingsRepository(db);
    this.lifecycle = new AccountLifecycleRepository(db);
    this.recipients = new RecipientRepository(db);
    this.messages = new MessageRepository(db);
    this.webhooks = new WebhookRepository(db);
    this.nodes = new NodeRepository(db);
    this.consoleSessions = new ConsoleSessionRepository(db);
    this.placements = new PlacementRepository(db);
  }

  /** Answers when the database answers. */
  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }
}
