import { html } from '../page.js';
import { MESSAGE_TYPES } from '../../domain/contact-rules.js';
import { unlessDenied, type ConsoleRequest, type PageResult } from './context.js';
import { refusal, statusBadge } from './layout.js';
import { recipientsOf, routeOf } from './coverage.js';

/**
 * One member account (GetAccount) and who receives each message type for it: the answer of
 * ResolveMessageRecipients per type, with the verified email and phone and every route (Via).
 */
export async function accountPage(cx: ConsoleRequest): Promise<PageResult> {
  const { t } = cx;
  const AccountId = cx.params.id ?? '';
  const { Account: a } = await cx.call('GetAccount', { AccountId });
  const facts = html`<section><dl>
<dt>${t.accountId}</dt><dd>${a.AccountId}</dd>
<dt>${t.displayName}</dt><dd>${a.DisplayName}</dd>
<dt>${t.path}</dt><dd><a href="/console/directory?folder=${a.FolderId}">${a.ResourceDirectoryPath}</a></dd>
<dt>${t.status}</dt><dd>${statusBadge(a.Status)}</dd>
</dl></section>`;
  const resolved = await unlessDenied(recipientsOf(cx, AccountId));
  if (resolved.denied) return { title: `${t.account}: ${a.DisplayName}`, body: html`${facts}${refusal(cx, resolved.denied)}` };
  return {
    title: `${t.account}: ${a.DisplayName}`,
    body: html`${facts}
<section><h2>${t.recipientsByType}</h2>
<div class="scroll"><table><thead><tr><th scope="col">${t.messageType}</th><th scope="col">${t.name}</th><th scope="col">${t.title}</th><th scope="col">${t.email}</th><th scope="col">${t.phone}</th><th scope="col">${t.routes}</th></tr></thead><tbody>
${MESSAGE_TYPES.map((type) => {
  const recipients = resolved.ok[type];
  if (recipients.length === 0) return html`<tr><th scope="row">${type}</th><td colspan="5" class="gap">${t.noRecipient}</td></tr>`;
  return recipients.map(
    (r, i) => html`<tr>${i === 0 ? html`<th scope="row" rowspan="${recipients.length}">${type}</th>` : ''}<td><a href="/console/contacts/${r.ContactId}">${r.Name}</a></td><td>${r.Title}</td><td>${r.EmailAddress}</td><td>${r.PhoneNumber}</td><td>${r.Via.map((v) => routeOf(cx, v)).join(', ')}</td></tr>`,
  );
})}
</tbody></table></div></section>`,
  };
}
