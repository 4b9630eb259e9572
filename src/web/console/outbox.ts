import { html } from '../page.js';
import type { Store } from '../../store/store.js';
import type { ConsoleRequest, PageResult } from './context.js';
import { contactsOf } from './coverage.js';

/**
 * The captured verification messages of the signed-in tenant, newest first. Only the messages of contacts
 * ListMessageContacts answers to this identity are read, so a tenant sees its own and no other's.
 */
export async function outboxPage(cx: ConsoleRequest, store: Store): Promise<PageResult> {
  const { t } = cx;
  const contacts = await contactsOf(cx);
  const messages = (await Promise.all(contacts.map((c) => store.outbox.list(c.ContactId))))
    .flat()
    .filter((m) => m.state === 'captured')
    .sort((a, b) => b.sentAt - a.sentAt);
  return {
    title: t.outbox,
    body: html`<p>${t.outboxIntro}</p>
<div class="scroll"><table><thead><tr><th scope="col">${t.sentAt}</th><th scope="col">${t.channel}</th><th scope="col">${t.to}</th><th scope="col">${t.subject}</th><th scope="col">${t.link}</th></tr></thead><tbody>
${messages.map(
  (m) => html`<tr><td>${new Date(m.sentAt).toISOString().slice(0, 19).replace('T', ' ')} UTC</td><td>${m.channel}</td><td>${m.to}</td><td>${m.subject ?? ''}</td><td>${m.link ? html`<a href="${m.link}">${m.link}</a>` : ''}</td></tr>`,
)}
</tbody></table></div>
${messages.length === 0 ? html`<p>${t.none}</p>` : ''}`,
  };
}
