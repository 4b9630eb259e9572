import { html } from '../page.js';
import type { ConsoleRequest, PageResult } from './context.js';

const PAGE_SIZE = 50;

interface OutboxMessage {
  Channel: string;
  To: string;
  Subject: string | null;
  Link: string | null;
  SentAt: string;
}

/**
 * The captured messages of the signed-in tenant, newest first, through ListOutboxMessages (the tenant's own
 * and, of its contacts, those its policies let it read), paged by the action's NextToken.
 */
export async function outboxPage(cx: ConsoleRequest): Promise<PageResult> {
  const { t } = cx;
  const body = await cx.call('ListOutboxMessages', { MaxResults: String(PAGE_SIZE), NextToken: cx.query.after || undefined });
  const messages: OutboxMessage[] = body.Messages;
  return {
    title: t.outbox,
    body: html`<p>${t.outboxIntro}</p>
<div class="scroll"><table><thead><tr><th scope="col">${t.sentAt}</th><th scope="col">${t.channel}</th><th scope="col">${t.to}</th><th scope="col">${t.subject}</th><th scope="col">${t.link}</th></tr></thead><tbody>
${messages.map(
  (m) => html`<tr><td>${m.SentAt.slice(0, 19).replace('T', ' ')} UTC</td><td>${m.Channel}</td><td>${m.To}</td><td>${m.Subject ?? ''}</td><td>${m.Link ? html`<a href="${m.Link}">${m.Link}</a>` : ''}</td></tr>`,
)}
</tbody></table></div>
${messages.length === 0 ? html`<p>${t.none}</p>` : ''}
${body.NextToken ? html`<p class="pager"><a href="/console/outbox?after=${encodeURIComponent(body.NextToken)}">${t.next}</a></p>` : ''}`,
  };
}
