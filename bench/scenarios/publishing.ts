/**
 * Publishing notices as the directory grows (part of the growth scenario, on its tree): ResolveMessageRecipients
 * for the deepest account, one signed call at a time, and PublishMessage to the whole directory: the time to
 * its answer, and the time until every delivery of the message is recorded (no delivery left Queued; with no
 * real channel configured, deliveries are captured in the outbox), polled every 20 ms with a count of the
 * message's Queued deliveries in the store (GetMessage lists every account of the message: polling it timed
 * the poll as much as the delivery, linearly in accounts). GetMessage then confirms it, untimed.
 */
import { RDCONTACTS_2026 } from '../../src/operations/operation.js';
import { ROOT_TENANT } from '../environment.js';
import { median, percentile } from '../report.js';
import { timeEach } from '../timing.js';
import { callOk } from '../signing.js';

export interface PublishingFigures {
  resolveP50: number;
  resolveP99: number;
  /** Recipients ResolveMessageRecipients answered for the probe account. */
  resolveRecipients: number;
  publishAnswerP50: number;
  publishDeliveredP50: number;
  /** Accounts, recipients and deliveries of one published message. */
  accountCount: number;
  recipientCount: number;
  deliveries: number;
}

const VERSION = RDCONTACTS_2026.version;
const MESSAGE_TYPE = 'ServiceMessage';

export async function timePublishing(url: string, directoryId: string, probeAccount: string, calls: number, queuedCount: (messageId: string) => Promise<number>): Promise<PublishingFigures> {
  const call = (action: string, params: Record<string, string>) => callOk(url, ROOT_TENANT.creds, action, params, VERSION);
  const resolve = () => call('ResolveMessageRecipients', { AccountId: probeAccount, MessageType: MESSAGE_TYPE });
  const resolveRecipients = (await resolve()).Recipients.length as number;
  const resolved = await timeEach(calls, resolve);

  const answers: number[] = [];
  const delivered: number[] = [];
  let last: { accountCount: number; recipientCount: number; deliveries: number } | undefined;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const published = await call('PublishMessage', { MessageType: MESSAGE_TYPE, Subject: `Maintenance ${i}`, Content: 'A planned maintenance window.', TargetId: directoryId });
    answers.push(performance.now() - t);
    while ((await queuedCount(published.MessageId)) > 0) await new Promise((r) => setTimeout(r, 20));
    delivered.push(performance.now() - t);
    const { Message } = await call('GetMessage', { MessageId: published.MessageId });
    if (Message.Deliveries.some((d: { State: string }) => d.State === 'Queued')) throw new Error(`GetMessage ${published.MessageId} still lists Queued deliveries`);
    if (Message.AccountIds.length !== published.AccountCount) throw new Error(`GetMessage ${published.MessageId} lists ${Message.AccountIds.length} accounts, not ${published.AccountCount}`);
    last = { accountCount: published.AccountCount, recipientCount: published.RecipientCount, deliveries: Message.Deliveries.length };
  }
  return {
    resolveP50: median(resolved),
    resolveP99: percentile(resolved, 0.99),
    resolveRecipients,
    publishAnswerP50: median(answers),
    publishDeliveredP50: median(delivered),
    ...last!,
  };
}
