import { createHash, randomBytes } from 'node:crypto';
import { ApiError } from '../errors/api-error.js';
import type { Store } from '../store/store.js';
import { MESSAGE_TYPES } from './contact-rules.js';
import type { DirectoryService } from './directory.js';
import { base62 } from '../ids.js';
import type { MessageService, PublishResult } from './messages.js';

/** One alert of Alertmanager's webhook payload (version 4). */
export interface Alert {
  status?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
  fingerprint?: string;
}

/** Alertmanager's webhook payload, version 4 (the fields used here). */
export interface AlertGroup {
  version?: string;
  groupKey?: string;
  status?: string;
  commonLabels?: Record<string, string>;
  commonAnnotations?: Record<string, string>;
  alerts?: Alert[];
}

/** Why an alert group is refused (answered 400: Alertmanager logs it and does not retry). */
export class AlertRejected extends Error {}

/** Why a request is not authenticated (answered 401). */
export class AlertUnauthorized extends Error {}

const SUBJECT_MAX = 200;
const CONTENT_MAX = 10_000;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Prometheus Alertmanager as a publisher: a tenant creates a receiver (CreateAlertmanagerReceiver) and
 * gets a bearer token, shown once and kept hashed; each alert group Alertmanager POSTs with it becomes one
 * PublishMessage of that tenant. The target is the group's `account_id` label (or `folder_id`), the type its
 * `message_type` label (FaultMessage by default). The ClientToken is derived from the groupKey, the status
 * and the alerts (fingerprint and start/end), so Alertmanager's retries and repeats of an unchanged group
 * send nothing twice, while a group that changes is a new notice.
 */
export class AlertmanagerService {
  constructor(
    private readonly store: Store,
    private readonly directory: DirectoryService,
    private readonly messages: MessageService,
  ) {}

  /** A new receiver of the tenant: its ID and its bearer token (never shown again). */
  async createReceiver(tenant: string): Promise<{ id: string; token: string; createdAt: number }> {
    const token = 'rdcam_' + randomBytes(32).toString('base64url');
    const receiver = { id: 'amr-' + base62(16), tenant, tokenHash: hashToken(token), createdAt: Date.now() };
    await this.store.webhooks.insertReceiver(receiver);
    return { id: receiver.id, token, createdAt: receiver.createdAt };
  }

  /** Publishes an alert group for the tenant whose receiver token is `bearer`. */
  async receive(bearer: string | undefined, group: AlertGroup): Promise<PublishResult> {
    const receiver = bearer ? await this.store.webhooks.receiverByTokenHash(hashToken(bearer)) : undefined;
    if (!receiver) throw new AlertUnauthorized('a bearer token of CreateAlertmanagerReceiver is required (http_config.authorization.credentials)');
    const alerts = Array.isArray(group.alerts) ? group.alerts : [];
    if (alerts.length === 0) throw new AlertRejected('the payload has no alerts (Alertmanager webhook payload version 4 expected)');
    const labels = group.commonLabels ?? {};
    const targetId = labels.account_id ?? labels.folder_id;
    if (!targetId) throw new AlertRejected('the alerts of the group share no account_id or folder_id label: nobody to notify');
    const messageType = labels.message_type ?? 'FaultMessage';
    if (!(MESSAGE_TYPES as readonly string[]).includes(messageType)) throw new AlertRejected(`message_type label ${JSON.stringify(messageType)} is not one of ${MESSAGE_TYPES.join(', ')}`);
    const rd = await this.directory.require(receiver.tenant).catch(() => {
      throw new AlertRejected(`account ${receiver.tenant} has no resource directory`);
    });
    try {
      return await this.messages.publish(rd, receiver.tenant, {
        messageType,
        subject: subjectOf(group, alerts),
        content: contentOf(alerts),
        targetId,
        clientToken: clientTokenOf(receiver.id, group, alerts),
      });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'EntityNotExists.Target') throw new AlertRejected(`${targetId} is not a member account or folder of the resource directory`);
      throw err;
    }
  }
}

function status(group: AlertGroup): 'resolved' | 'firing' {
  return group.status === 'resolved' ? 'resolved' : 'firing';
}

/** `Firing: <alertname> - <summary>` (or `Resolved: …`), at most 200 characters. */
function subjectOf(group: AlertGroup, alerts: Alert[]): string {
  const labels = group.commonLabels ?? {};
  const name = labels.alertname ?? alerts[0]?.labels?.alertname ?? 'alert';
  const summary = group.commonAnnotations?.summary ?? (alerts.length === 1 ? alerts[0]?.annotations?.summary : undefined);
  const subject = `${status(group) === 'resolved' ? 'Resolved' : 'Firing'}: ${name}${summary ? ` - ${summary}` : ''}`;
  return [...subject].length <= SUBJECT_MAX ? subject : [...subject].slice(0, SUBJECT_MAX - 1).join('') + '…';
}

/** One paragraph per alert: its status, description (or summary) and labels, at most 10,000 characters. */
function contentOf(alerts: Alert[]): string {
  const text = alerts
    .map((a) => {
      const labels = Object.entries(a.labels ?? {}).map(([k, v]) => `${k}=${v}`).join(', ');
      const what = a.annotations?.description ?? a.annotations?.summary ?? a.labels?.alertname ?? 'alert';
      const since = a.status === 'resolved' ? `resolved at ${a.endsAt}` : `since ${a.startsAt}`;
      return `[${a.status ?? 'firing'}] ${what}\n${since}\n${labels}`;
    })
    .join('\n\n');
  return [...text].length <= CONTENT_MAX ? text : [...text].slice(0, CONTENT_MAX - 1).join('') + '…';
}

/** The same for every retry or repeat of an unchanged group; different once an alert starts, ends or joins. */
function clientTokenOf(receiverId: string, group: AlertGroup, alerts: Alert[]): string {
  const state = alerts.map((a) => `${a.fingerprint ?? JSON.stringify(a.labels ?? {})}@${a.startsAt ?? ''}/${a.status === 'resolved' ? (a.endsAt ?? '') : ''}`).sort();
  return 'am-' + createHash('sha256').update(JSON.stringify([receiverId, group.groupKey ?? '', status(group), state])).digest('base64url');
}
