import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Store } from './store/store.js';
import type { Metrics } from './metrics/metrics.js';
import { DirectoryService } from './domain/directory.js';
import { FolderService } from './domain/folders.js';
import { AccountService } from './domain/accounts.js';
import { JobRunner } from './jobs/runner.js';
import { Housekeeping } from './jobs/housekeeping.js';
import { Leases } from './domain/leases.js';
import { NodePresence } from './domain/node-presence.js';
import { ContactService } from './domain/contacts.js';
import { BindingService } from './domain/bindings.js';
import { CoverageService } from './domain/coverage.js';
import { RecipientService } from './domain/recipients.js';
import { DirectorySummaryService } from './domain/directory-summary.js';
import { DELETION_JOB, DeletionService } from './domain/deletion.js';
import { VerificationService } from './domain/verification.js';
import { OutboxService } from './domain/outbox.js';
import { MessageDispatcher } from './delivery/dispatcher.js';
import { MessageTemplates } from './delivery/templates.js';
import { transportsOf } from './delivery/transports.js';
import { DirectorySettingsService } from './domain/directory-settings.js';
import { PayerService } from './domain/payers.js';
import { ACCOUNT_DELETION_JOB, AccountDeletionService } from './domain/account-deletion.js';
import { ResourceTagService } from './domain/resource-tags.js';
import { AuditTrail } from './domain/audit-trail.js';

/**
 * How often the audit trail writes what it buffered: the most a crash can lose is the events of this long
 * plus one commit (README, "Audit trail").
 */
export const AUDIT_FLUSH_MS = 100;
import { NoticeTemplates } from './delivery/notice-templates.js';
import { NoticeDelivery } from './delivery/notice-delivery.js';
import { MessageService } from './domain/messages.js';
import { WebhookService } from './domain/webhooks.js';
import { AlertmanagerService } from './domain/alerts.js';

/** The domain services operations call. Built once per server from its config and store. */
export interface Services {
  config: Config;
  store: Store;
  /** This node's identity and heartbeat in the store (contact leases across nodes). */
  presence: NodePresence;
  jobs: JobRunner;
  housekeeping: Housekeeping;
  directory: DirectoryService;
  contacts: ContactService;
  bindings: BindingService;
  coverage: CoverageService;
  recipients: RecipientService;
  summary: DirectorySummaryService;
  messages: MessageService;
  webhooks: WebhookService;
  alerts: AlertmanagerService;
  /** Sends the deliveries of published messages (its jobs). */
  notices: NoticeDelivery;
  deletion: DeletionService;
  verification: VerificationService;
  delivery: MessageDispatcher;
  outbox: OutboxService;
  folders: FolderService;
  accounts: AccountService;
  audit: AuditTrail;
  settings: DirectorySettingsService;
  payers: PayerService;
  accountDeletion: AccountDeletionService;
  resourceTags: ResourceTagService;
}

/** `ownUrl` is the server's own http://host:port, known once it listens (the default RDC_PUBLIC_URL). */
export function createServices(config: Config, store: Store, log: Logger, metrics: Metrics, ownUrl: () => string): Services {
  const jobs = new JobRunner(store, log, metrics, { leaseMs: config.jobLease * 1000 });
  const presence = new NodePresence(store);
  const leases = new Leases(store, presence, metrics);
  const contacts = new ContactService(store, leases, { maxContactsPerDirectory: config.maxContactsPerDirectory });
  const deletion = new DeletionService(store, leases, contacts, jobs, log, { delayMs: config.contactDeletionDelay * 1000 });
  jobs.register(DELETION_JOB, deletion.runJob);
  const accountDeletion = new AccountDeletionService(store, jobs, log, { delayMs: config.accountDeletionDelay * 1000 });
  jobs.register(ACCOUNT_DELETION_JOB, accountDeletion.runJob);
  const templates = new MessageTemplates(config.templatesDir);
  const directory = new DirectoryService(store);
  const messages = new MessageService(store, jobs, log, { dailyLimit: config.messageDailyLimit });
  const transports = transportsOf(config);
  const keepCaptured = config.outbox !== 'false';
  const delivery = new MessageDispatcher(store, jobs, transports, log, metrics, { keepCaptured });
  const notices = new NoticeDelivery(store, jobs, transports, new NoticeTemplates(config.templatesDir), log, metrics, { keepCaptured, webhookTimeoutMs: config.webhookTimeout * 1000 });
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
    presence,
    jobs,
    housekeeping: new Housekeeping(store, log, {
      intervalMs: config.housekeepingInterval * 1000,
      jobRetentionMs: config.jobRetention * 1000,
      outboxRetentionMs: config.outboxRetention * 1000,
      auditRetentionMs: config.auditRetention * 1000,
      messageRetentionMs: config.messageRetention * 1000,
    }),
    directory,
    contacts,
    bindings: new BindingService(store, leases, contacts, { maxMembersPerContact: config.maxMembersPerContact }),
    coverage: new CoverageService(store),
    recipients: new RecipientService(store),
    summary: new DirectorySummaryService(store),
    notices,
    webhooks: new WebhookService(store),
    messages,
    alerts: new AlertmanagerService(store, directory, messages),
    deletion,
    verification,
    delivery,
    outbox: new OutboxService(store, (channel) => delivery.delivers(channel)),
    folders: new FolderService(store, config.maxFoldersPerDirectory),
    accounts: new AccountService(store, config.maxAccountsPerDirectory),
    audit: new AuditTrail(store, log, { flushMs: AUDIT_FLUSH_MS, ...(config.auditLogFile && { file: config.auditLogFile }) }),
    settings: new DirectorySettingsService(store),
    payers: new PayerService(store),
    accountDeletion,
    resourceTags: new ResourceTagService(store),
  };
}
