import { html } from '../page.js';
import { MESSAGE_TYPES, type MessageType } from '../../domain/contact-rules.js';
import { listAll, type ConsoleRequest, type PageResult } from './context.js';
import { pager } from './layout.js';

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

interface ListedAccount {
  AccountId: string;
  DisplayName: string;
  ResourceDirectoryPath: string;
}

/** Who covers one account for one type, and through which binding (the directory, a folder above it, or itself). */
interface Cover {
  contact: ListedContact;
  via: string;
}

export interface CoverageRow {
  account: ListedAccount;
  cover: Record<MessageType, Cover[]>;
}

const PAGE_SIZE = 20;

/** Every contact of the signed-in tenant, through ListMessageContacts. */
export function contactsOf(cx: ConsoleRequest): Promise<ListedContact[]> {
  return listAll(cx, 'ListMessageContacts', {}, (b) => b.Contacts as ListedContact[]);
}

/**
 * The coverage of accounts, from what the API answers: an Active contact covers an account for its types when
 * bound to the account, to a folder on the account's path, or to the directory (ListAccounts gives the path).
 */
function coverageOf(accounts: ListedAccount[], contacts: ListedContact[]): CoverageRow[] {
  const active = contacts.filter((c) => c.Status === 'Active');
  return accounts.map((account) => {
    const path = account.ResourceDirectoryPath.split('/');
    const cover = Object.fromEntries(MESSAGE_TYPES.map((type) => [type, [] as Cover[]])) as Record<MessageType, Cover[]>;
    for (const contact of active) {
      const via = contact.Members.find((m) => path.includes(m));
      if (via === undefined) continue;
      for (const type of contact.MessageTypes) cover[type as MessageType]?.push({ contact, via });
    }
    return { account, cover };
  });
}

/** The coverage of every account of the directory. */
export async function allCoverageRows(cx: ConsoleRequest): Promise<CoverageRow[]> {
  const [accounts, contacts] = await Promise.all([everyAccount(cx), contactsOf(cx)]);
  return coverageOf(accounts, contacts);
}

/** Every account through ListAccounts' token paging (no OFFSET, so the last page costs what the first does). */
async function everyAccount(cx: ConsoleRequest): Promise<ListedAccount[]> {
  const all: ListedAccount[] = [];
  let NextToken: string | undefined;
  do {
    const body = await cx.call('ListAccounts', { MaxResults: '100', NextToken });
    all.push(...(body.Accounts.Account as ListedAccount[]));
    NextToken = body.NextToken || undefined;
  } while (NextToken);
  return all;
}

/** Accounts × message types, paged; "only gaps" (optionally of one type) keeps the accounts some type misses. */
export async function coveragePage(cx: ConsoleRequest): Promise<PageResult> {
  const { t } = cx;
  const pageNumber = Math.max(1, Number.parseInt(cx.query.page ?? '1', 10) || 1);
  const gaps = cx.query.gaps === '1';
  const type = MESSAGE_TYPES.find((m) => m === cx.query.type);
  let rows: CoverageRow[];
  let total: number;
  if (gaps) {
    const missing = (r: CoverageRow) => (type ? r.cover[type].length === 0 : MESSAGE_TYPES.some((m) => r.cover[m].length === 0));
    const all = (await allCoverageRows(cx)).filter(missing);
    total = all.length;
    rows = all.slice((pageNumber - 1) * PAGE_SIZE, pageNumber * PAGE_SIZE);
  } else {
    const [body, contacts] = await Promise.all([cx.call('ListAccounts', { PageNumber: String(pageNumber), PageSize: String(PAGE_SIZE) }), contactsOf(cx)]);
    total = Number(body.TotalCount);
    rows = coverageOf(body.Accounts.Account, contacts);
  }
  return {
    title: t.coverage,
    body: html`<form method="get" action="/console/coverage" class="card">
<label><input type="checkbox" name="gaps" value="1"${gaps ? html` checked` : ''}> ${t.onlyGaps}</label>
<label for="cov-type">${t.messageType}</label><select id="cov-type" name="type"><option value="">${t.any}</option>${MESSAGE_TYPES.map(
      (m) => html`<option value="${m}"${m === type ? html` selected` : ''}>${m}</option>`,
    )}</select>
<button type="submit" class="quiet">${t.filter}</button></form>
<div class="scroll"><table><caption class="skip">${t.coverage}</caption>
<thead><tr><th scope="col">${t.account}</th>${MESSAGE_TYPES.map((m) => html`<th scope="col">${m}</th>`)}</tr></thead><tbody>
${rows.map(
  (r) => html`<tr><th scope="row">${r.account.DisplayName}<br><small>${r.account.AccountId}</small></th>${MESSAGE_TYPES.map((m) =>
    r.cover[m].length === 0
      ? html`<td class="gap">${t.notCovered}</td>`
      : html`<td>${r.cover[m].map((c) => html`<a href="/console/contacts/${c.contact.ContactId}">${c.contact.Name}</a> <small>${t.via(c.via)}</small><br>`)}</td>`,
  )}</tr>`,
)}
</tbody></table></div>
${rows.length === 0 ? html`<p>${t.none}</p>` : ''}
${pager(cx, 'page', pageNumber, total, PAGE_SIZE)}`,
  };
}
