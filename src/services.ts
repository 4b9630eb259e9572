import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Store } from './store/store.js';
import { DirectoryService } from './domain/directory.js';
import { FolderService } from './domain/folders.js';
import { AccountService } from './domain/accounts.js';
import { JobRunner } from './jobs/runner.js';
import { Housekeeping } from './jobs/housekeeping.js';
import { Leases } from './domain/leases.js';
import { ContactService } from './domain/contacts.js';
import { BindingService } from './domain/bindings.js';
import { CoverageService } from './domain/coverage.js';
import { RecipientService } from './domain/recipients.js';
import { DELETION_JOB, DeletionService } from './domain/deletion.js';
import { VerificationService } from './domain/verification.js';
import { MessageDispatcher } from './delivery/dispatcher.js';
import { MessageTemplates } from './delivery/templates.js';
import { transportsOf } from './delivery/transports.js';
import { NoticeTemplates } from './delivery/notice-templates.js';
import { NoticeDelivery } from './delivery/notice-delivery.js';
import { MessageService } from './domain/messages.js';
import { WebhookService } from './domain/webhooks.js';
import { AlertmanagerService } from './domain/alerts.js';

/** The domain services operations call. Built once per server from its config and store. */
export interface Services {
  config: Config;
  store: Store;
  jobs: JobRunner;
  housekeeping: Housekeeping;
  directory: DirectoryService;
  contacts: ContactService;
  bindings: BindingService;
  coverage: CoverageService;
  recipients: RecipientService;
  messages: MessageService;
  webhooks: WebhookService;
  alerts: AlertmanagerService;
  /** Sends the deliveries of published messages (its jobs). */
  notices: NoticeDelivery;
  deletion: DeletionService;
  verification: VerificationService;
  delivery: MessageDispatcher;
  folders: FolderService;
  accounts: AccountService;
}

/** `ownUrl` is the server's own http://host:port, known once it listens (the default RDC_PUBLIC_URL). */
export function createServices(config: Config, store: Store, log: Logger, ownUrl: () => string): Services {
  const jobs = new JobRunner(store, log, { leaseMs: config.jobLease * 1000 });
  const leases = new Leases(store);
  const contacts = new ContactService(store, leases, { maxContactsPerDirectory: config.maxContactsPerDirectory });
  const deletion = new DeletionService(store, leases, contacts, jobs, log, { delayMs: config.contactDeletionDelay * 1000 });
  jobs.register(DELETION_JOB, deletion.runJob);
  const templates = new MessageTemplates(config.templatesDir);
  const directory = new DirectoryService(store);
  const messages = new MessageService(store, jobs, log, { dailyLimit: config.messageDailyLimit });
  const transports = transportsOf(config);
  const delivery = new MessageDispatcher(store, jobs, transports, log, { keepCaptured: config.outbox });
  const notices = new NoticeDelivery(store, jobs, transports, new NoticeTemplates(config.templatesDir), log, { keepCaptured: config.outbox, webhookTimeoutMs: config.webhookTimeout * 1000 });
  const verification = new VerificationService(store, delivery, leases, contacts, log, {
    ttlMs: config.verificationTtl * 1000,
    dailyLimit: config.verificationDailyLimit,
    perMinuteLimit: config.verificationPerMinuteLimit,
    publicUrl: () => config.publicUrl ?? ownUrl(),
    templates,
  });
  return {
    config,
    store,
    jobs,
    housekeeping: new Housekeeping(store, log, {
      intervalMs: config.housekeepingInterval * 1000,
      jobRetentionMs: config.jobRetention * 1000,
      outboxRetentionMs: config.outboxRetention * 1000,
      messageRetentionMs: config.messageRetention * 1000,
    }),
    directory,
    contacts,
    bindings: new BindingService(store, leases, contacts, { maxMembersPerContact: config.maxMembersPerContact }),
    coverage: new CoverageService(store),
    recipients: new RecipientService(store),
    notices,
    webhooks: new WebhookService(store),
    messages,
    alerts: new AlertmanagerService(store, directory, messages),
    deletion,
    verification,
    delivery,
    folders: new FolderService(store, config.maxFoldersPerDirectory),
    accounts: new AccountService(store, config.maxAccountsPerDirectory),
  };
}
