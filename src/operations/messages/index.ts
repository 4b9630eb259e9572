import type { Operation } from '../operation.js';
import resolveMessageRecipients from './resolve-message-recipients.js';
import listUncoveredAccounts from './list-uncovered-accounts.js';
import publishMessage from './publish-message.js';
import getMessage from './get-message.js';
import listMessages from './list-messages.js';
import createMessageWebhook from './create-message-webhook.js';
import listMessageWebhooks from './list-message-webhooks.js';
import deleteMessageWebhook from './delete-message-webhook.js';
import createAlertmanagerReceiver from './create-alertmanager-receiver.js';
import getDirectorySummary from './get-directory-summary.js';

/** rdcontacts' own operations (API 2026-12-01): recipients, coverage gaps and the directory's counts, publishing notices, webhooks. */
export const messageOperations: Operation<any, any>[] = [resolveMessageRecipients, listUncoveredAccounts, publishMessage, getMessage, listMessages, createMessageWebhook, listMessageWebhooks, deleteMessageWebhook, createAlertmanagerReceiver, getDirectorySummary];
