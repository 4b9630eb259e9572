import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import { MetaRepository } from './meta-repository.js';
import { DirectoryRepository } from './directory-repository.js';
import { JobRepository } from './job-repository.js';
import { ContactRepository } from './contact-repository.js';
import { BindingRepository } from './binding-repository.js';
import { VerificationRepository } from './verification-repository.js';
import { OutboxRepository } from './outbox-repository.js';
import { HousekeepingRepository } from './housekeeping-repository.js';
import { RecipientRepository } from './recipient-repository.js';
import { MessageRepository } from './message-repository.js';
import { WebhookRepository } from './webhook-repository.js';
import type { Dialect } from './store.js';

/** The repositories over one executor: the store itself, or a transaction. */
export class Repositories {
  readonly meta: MetaRepository;
  readonly directory: DirectoryRepository;
  readonly jobs: JobRepository;
  readonly contacts: ContactRepository;
  readonly bindings: BindingRepository;
  readonly verifications: VerificationRepository;
  readonly outbox: OutboxRepository;
  readonly housekeeping: HousekeepingRepository;
  readonly recipients: RecipientRepository;
  readonly messages: MessageRepository;
  readonly webhooks: WebhookRepository;

  constructor(protected readonly db: Kysely<Database>, dialect: Dialect) {
    this.meta = new MetaRepository(db);
    this.directory = new DirectoryRepository(db);
    this.jobs = new JobRepository(db, dialect);
    this.contacts = new ContactRepository(db);
    this.bindings = new BindingRepository(db, dialect);
    this.verifications = new VerificationRepository(db);
    this.outbox = new OutboxRepository(db);
    this.housekeeping = new HousekeepingRepository(db, dialect);
    this.recipients = new RecipientRepository(db);
    this.messages = new MessageRepository(db);
    this.webhooks = new WebhookRepository(db);
  }

  /** Answers when the database answers. */
  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }
}
