import { html, type Html } from '../page.js';
import { MESSAGE_TYPES, type MessageType } from '../../domain/contact-rules.js';
import { listAll, unlessDenied, type ConsoleRequest, type PageResult } from './context.js';
import { pager, refusal } from './layout.js';

export interface ListedContact {
  ContactId: string;
  Name: string;
  Title: string;
  EmailAddress: string;
  PhoneNumber: string;
  MessageTypes: string[];
  Members: string[];
  Status: string;
}

/** One recipient as ResolveMessageRecipients answers it: who, their verified targets, and every route. */
export interface Recipient {
  ContactId: string;
  Name: string;
  Title: string;
  EmailAddress: string;
  PhoneNumber: string;
  Via: Array<{ Type: string; Id: string }>;
}

interface RowAccount {
  AccountId: string;
  DisplayName: string;
}

export type RecipientsByType = Record<MessageType, Recipient[]>;

/**
 * Accounts per page of the matrix. Each cell is one ResolveMessageRecipients call, so a page is 6 calls per
 * account: at 20 accounts (120 calls) a page took ~400 ms over PostgreSQL at 10,000 accounts, at 10 well under
 * the 300 ms a console page may take (bench/scenarios/console.ts).
 */
const PAGE_SIZE = 10;

/** Every contact of the signed-in tenant, through ListMessageContacts. */
export function contactsOf(cx: ConsoleRequest): Promise<ListedContact[]> {
  return listAll(cx, 'ListMessageContacts', {}, (b) => b.Contacts as ListedContact[]);
}

/** An account's recipients of each message type, through ResolveMessageRecipients (the very answer of the API). */
export async function recipientsOf(cx: ConsoleRequest, accountId: string): Promise<RecipientsByType> {
  const answers = await Promise.all(MESSAGE_TYPES.map((MessageType) => cx.call('ResolveMessageRecipients', { AccountId: accountId, MessageType })));
  return Object.fromEntries(MESSAGE_TYPES.map((type, i) => [type, answers[i].Recipients as Recipient[]])) as RecipientsByType;
}

/** A route as a person reads it: the bound directory, folder or account, or the account that retained the contact. */
export function routeOf(cx: ConsoleRequest, via: { Type: string; Id: string }): string {
  return via.Type === 'Retained' ? cx.t.retainedBy(via.Id) : cx.t.via(via.Id);
}

/**
 * Accounts × message types, paged, each cell who receives it (ResolveMessageRecipients) and through which
 * route. "Only gaps" of one type is that type's ListUncoveredAccounts page; of any type, the pages of the six
 * types merged by account ID (each read only as far as this page needs).
 */
export async function coveragePage(cx: ConsoleRequest): Promise<PageResult> {
  const { t } = cx;
  const pageNumber = Math.max(1, Number.parseInt(cx.query.page ?? '1', 10) || 1);
  const gaps = cx.query.gaps === '1';
  const type = MESSAGE_TYPES.find((m) => m === cx.query.type);
  const filter = html`<form method="get" action="/console/coverage" class="card">
<label><input type="checkbox" name="gaps" value="1"${gaps ? html` checked` : ''}> ${t.onlyGaps}</label>
<label for="cov-type">${t.messageType}</label><select id="cov-type" name="type"><option value="">${t.any}</option>${MESSAGE_TYPES.map(
    (m) => html`<option value="${m}"${m === type ? html` selected` : ''}>${m}</option>`,
  )}</select>
<button type="submit" class="quiet">${t.filter}</button></form>`;
  const listed = await unlessDenied(accountsOfPage(cx, gaps, type, pageNumber));
  if (listed.denied) return { title: t.coverage, body: html`${filter}${refusal(cx, listed.denied)}` };
  const { rows, paging } = listed.ok;
  const cells = await unlessDenied(Promise.all(rows.map((a) => recipientsOf(cx, a.AccountId))));
  if (cells.denied) return { title: t.coverage, body: html`${filter}${refusal(cx, cells.denied)}` };
  return {
    title: t.coverage,
    body: html`${filter}
<div class="scroll"><table><caption class="skip">${t.coverage}</caption>
<thead><tr><th scope="col">${t.account}</th>${MESSAGE_TYPES.map((m) => html`<th scope="col">${m}</th>`)}</tr></thead><tbody>
${rows.map(
  (a, i) => html`<tr><th scope="row"><a href="/console/accounts/${a.AccountId}">${a.DisplayName}</a><br><small>${a.AccountId}</small></th>${MESSAGE_TYPES.map((m) => {
    const recipients = cells.ok[i]![m];
    return recipients.length === 0
      ? html`<td class="gap">${t.notCovered}</td>`
      : html`<td>${recipients.map((r) => html`<a href="/console/contacts/${r.ContactId}">${r.Name}</a> <small>${r.Via.map((v) => routeOf(cx, v)).join(', ')}</small><br>`)}</td>`;
  })}</tr>`,
)}
</tbody></table></div>
${rows.length === 0 ? html`<p>${t.none}</p>` : ''}
${paging}`,
  };
}

/** The accounts of one page of the matrix and the links to the pages beside it. */
async function accountsOfPage(cx: ConsoleRequest, gaps: boolean, type: MessageType | undefined, pageNumber: number): Promise<{ rows: RowAccount[]; paging: Html }> {
  if (!gaps) {
    const body = await cx.call('ListAccounts', { PageNumber: String(pageNumber), PageSize: String(PAGE_SIZE) });
    return { rows: body.Accounts.Account, paging: pager(cx, 'page', pageNumber, Number(body.TotalCount), PAGE_SIZE) };
  }
  if (type) {
    const body = await cx.call('ListUncoveredAccounts', { MessageType: type, PageNumber: String(pageNumber), PageSize: String(PAGE_SIZE) });
    return { rows: body.Accounts, paging: pager(cx, 'page', pageNumber, Number(body.TotalCount), PAGE_SIZE) };
  }
  // Each type's uncovered accounts come by ID, so the first n of their union are among the first n of each.
  const wanted = pageNumber * PAGE_SIZE + 1;
  const byId = new Map<string, RowAccount>();
  await Promise.all(
    MESSAGE_TYPES.map(async (MessageType) => {
      for (let page = 1; (page - 1) * 100 < wanted; page++) {
        const body = await cx.call('ListUncoveredAccounts', { MessageType, PageNumber: String(page), PageSize: String(Math.min(100, wanted)) });
        for (const a of body.Accounts as RowAccount[]) byId.set(a.AccountId, a);
        if (page * 100 >= Number(body.TotalCount)) break;
      }
    }),
  );
  const ids = [...byId.keys()].sort();
  const rows = ids.slice((pageNumber - 1) * PAGE_SIZE, pageNumber * PAGE_SIZE).map((id) => byId.get(id)!);
  // Past what was read the union's size is not known; there is a next page when more than this page was found.
  const more = ids.length > pageNumber * PAGE_SIZE;
  return { rows, paging: pager(cx, 'page', pageNumber, more ? (pageNumber + 1) * PAGE_SIZE : pageNumber * PAGE_SIZE, PAGE_SIZE, { open: more }) };
}
