import { html, type Html } from '../page.js';
import { MESSAGE_TYPES } from '../../domain/contact-rules.js';
import { ApiError } from '../../errors/api-error.js';
import { unlessDenied, type ConsoleRequest, type PageResult } from './context.js';
import { actionForm, describeError, field, pager, refusal } from './layout.js';
import { routeOf, type Recipient } from './coverage.js';

const PAGE_SIZE = 20;
/** The most account IDs a message's page lists of each kind (a message to the directory concerns them all). */
const SHOWN_ACCOUNTS = 100;

interface ListedMessage {
  MessageId: string;
  MessageType: string;
  Subject: string;
  TargetId: string;
  CreateTime: string;
  AccountCount: number;
  RecipientCount: number;
}

/**
 * Publishing: who would receive a message (ResolveMessageRecipients for an account; for a folder or the
 * directory, how many of its accounts nobody receives the type for, from ListUncoveredAccounts), the compose
 * form (PublishMessage) and the published messages, newest first (ListMessages).
 */
export async function messagesPage(cx: ConsoleRequest): Promise<PageResult> {
  const { t, query } = cx;
  const target = (query.target ?? '').trim();
  const type = MESSAGE_TYPES.find((m) => m === query.type) ?? MESSAGE_TYPES[0];
  const pageNumber = Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1);
  const typeSelect = (id: string, name: string) =>
    html`<label for="${id}">${t.messageType}</label><select id="${id}" name="${name}">${MESSAGE_TYPES.map((m) => html`<option value="${m}"${m === type ? html` selected` : ''}>${m}</option>`)}</select>`;
  const [preview, listed] = await Promise.all([target ? previewOf(cx, target, type) : html``, unlessDenied(cx.call('ListMessages', { PageNumber: String(pageNumber), PageSize: String(PAGE_SIZE) }))]);
  const messages: ListedMessage[] = listed.denied ? [] : listed.ok.Messages;
  return {
    title: t.messages,
    body: html`<section><h2>${t.preview}</h2>
<form method="get" action="/console/messages">
${field('preview-target', 'target', t.target, { value: target, required: true, hint: t.targetHint })}
${typeSelect('preview-type', 'type')}
<button type="submit" class="quiet">${t.preview}</button></form>
${preview}
</section>
${actionForm(
  cx,
  'PublishMessage',
  html`<h2>${t.compose}</h2>
${field('m-target', 'TargetId', t.target, { value: target, required: true, hint: t.targetHint })}
${typeSelect('m-type', 'MessageType')}
${field('m-subject', 'Subject', t.subject, { required: true })}
<label for="m-content">${t.content}</label><textarea id="m-content" name="Content" rows="6" required></textarea>`,
  t.publish,
)}
<section><h2>${t.published}</h2>
${
  listed.denied
    ? refusal(cx, listed.denied)
    : html`<div class="scroll"><table><thead><tr><th scope="col">${t.created}</th><th scope="col">${t.subject}</th><th scope="col">${t.messageType}</th><th scope="col">${t.target}</th><th scope="col">${t.accounts}</th><th scope="col">${t.recipientCount}</th></tr></thead><tbody>
${messages.map(
  (m) => html`<tr><td>${m.CreateTime}</td><td><a href="/console/messages/${m.MessageId}">${m.Subject}</a></td><td>${m.MessageType}</td><td>${m.TargetId}</td><td>${m.AccountCount}</td><td>${m.RecipientCount}</td></tr>`,
)}
</tbody></table></div>
${messages.length === 0 ? html`<p>${t.none}</p>` : ''}
${pager(cx, 'page', pageNumber, Number(listed.ok.TotalCount), PAGE_SIZE)}`
}
</section>`,
  };
}

/** Who would receive `type` for the target, as the API answers it; a target the API does not find says so. */
async function previewOf(cx: ConsoleRequest, target: string, type: string): Promise<Html> {
  const { t } = cx;
  try {
    let text: Html;
    if (/^\d{16}$/.test(target)) {
      const { Recipients } = await cx.call('ResolveMessageRecipients', { AccountId: target, MessageType: type });
      text = recipientList(cx, Recipients);
    } else if (target.startsWith('rd-')) {
      const { ResourceDirectory: rd } = await cx.call('GetResourceDirectory');
      if (rd.ResourceDirectoryId !== target) throw new ApiError('EntityNotExists.Target');
      const summary = await cx.call('GetDirectorySummary');
      const uncovered = summary.UncoveredAccountCounts.find((u: { MessageType: string }) => u.MessageType === type)?.Count ?? 0;
      text = html`<p>${t.previewScope(t.accountsInDirectory(summary.AccountCount), uncovered, type)} <a href="/console/coverage?gaps=1&amp;type=${type}">${t.onlyGaps}</a></p>`;
    } else {
      const { TotalCount } = await cx.call('ListUncoveredAccounts', { FolderId: target, MessageType: type, PageSize: '1' });
      text = html`<p>${t.previewScope(t.accountsBelowFolder, Number(TotalCount), type)}</p>`;
    }
    return html`<h3>${t.previewOf(target, type)}</h3>${text}`;
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return html`<p class="flash error" role="alert">${err.code.startsWith('EntityNotExists.') ? `${err.code}: ${t.notFoundText}` : describeError(err, t)}</p>`;
  }
}

function recipientList(cx: ConsoleRequest, recipients: Recipient[]): Html {
  const { t } = cx;
  if (recipients.length === 0) return html`<p class="flash error">${t.noRecipient}</p>`;
  return html`<table><thead><tr><th scope="col">${t.name}</th><th scope="col">${t.email}</th><th scope="col">${t.phone}</th><th scope="col">${t.routes}</th></tr></thead><tbody>
${recipients.map((r) => html`<tr><td><a href="/console/contacts/${r.ContactId}">${r.Name}</a></td><td>${r.EmailAddress}</td><td>${r.PhoneNumber}</td><td>${r.Via.map((v) => routeOf(cx, v)).join(', ')}</td></tr>`)}
</tbody></table>`;
}

/** One published message (GetMessage): what was sent, to which accounts, and its delivery log. */
export async function messagePage(cx: ConsoleRequest): Promise<PageResult> {
  const { t } = cx;
  const { Message: m } = await cx.call('GetMessage', { MessageId: cx.params.id ?? '' });
  const ids = (list: string[]) =>
    list.length === 0 ? html`<p>${t.none}</p>` : html`<p>${list.slice(0, SHOWN_ACCOUNTS).map((id, i) => html`${i > 0 ? ', ' : ''}<a href="/console/accounts/${id}">${id}</a>`)}${list.length > SHOWN_ACCOUNTS ? ` … (${list.length})` : ''}</p>`;
  const deliveries: Array<{ DeliveryId: string; Channel: string; To: string; ContactId: string; WebhookId: string; State: string; Attempts: number; LastError: string; SentTime: string }> = m.Deliveries;
  return {
    title: `${t.messages}: ${m.Subject}`,
    body: html`<section><dl>
<dt>${t.messageId}</dt><dd>${m.MessageId}</dd>
<dt>${t.messageType}</dt><dd>${m.MessageType}</dd>
<dt>${t.target}</dt><dd>${m.TargetId}</dd>
<dt>${t.created}</dt><dd>${m.CreateTime}</dd>
<dt>${t.subject}</dt><dd>${m.Subject}</dd>
</dl>
<h2>${t.content}</h2><pre class="content">${m.Content}</pre></section>
<section><h2>${t.deliveries}</h2>
<div class="scroll"><table><thead><tr><th scope="col">${t.channel}</th><th scope="col">${t.to}</th><th scope="col">${t.contact}</th><th scope="col">${t.state}</th><th scope="col">${t.attempts}</th><th scope="col">${t.sentAt}</th><th scope="col">${t.lastError}</th></tr></thead><tbody>
${deliveries.map(
  (d) => html`<tr><td>${d.Channel}</td><td>${d.To}</td><td>${d.ContactId ? html`<a href="/console/contacts/${d.ContactId}">${d.ContactId}</a>` : d.WebhookId ? `${t.webhook} ${d.WebhookId}` : ''}</td><td><span class="status status-${d.State}">${d.State}</span></td><td>${d.Attempts}</td><td>${d.SentTime}</td><td>${d.LastError}</td></tr>`,
)}
</tbody></table></div>
${deliveries.length === 0 ? html`<p>${t.none}</p>` : ''}
</section>
<section><h2>${t.concerned} (${m.AccountIds.length})</h2>${ids(m.AccountIds)}
<h2>${t.uncoveredOfMessage} (${m.UncoveredAccountIds.length})</h2>${ids(m.UncoveredAccountIds)}</section>`,
  };
}
