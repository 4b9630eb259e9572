import { html } from '../page.js';
import { unlessDenied, type ConsoleRequest, type PageResult } from './context.js';
import { refusal } from './layout.js';

interface Summary {
  FolderCount: number;
  AccountCount: number;
  ContactCounts: Array<{ Status: string; Count: number }>;
  UncoveredAccountCounts: Array<{ MessageType: string; Count: number }>;
}

/**
 * The directory at a glance: its facts (GetResourceDirectory), and its counts of folders, accounts, contacts
 * by status and uncovered accounts per message type (GetDirectorySummary: count queries in the store, so the
 * page costs the same at 10 or 10,000 accounts).
 */
export async function overviewPage(cx: ConsoleRequest): Promise<PageResult> {
  const { t } = cx;
  const { ResourceDirectory: rd } = await cx.call('GetResourceDirectory');
  const summary = await unlessDenied<Summary>(cx.call('GetDirectorySummary'));
  const facts = html`<dt>${t.directoryId}</dt><dd>${rd.ResourceDirectoryId}</dd>
<dt>${t.rootFolder}</dt><dd><a href="/console/directory?folder=${rd.RootFolderId}">${rd.RootFolderId}</a></dd>
<dt>${t.created}</dt><dd>${rd.CreateTime}</dd>`;
  if (summary.denied) return { title: t.overview, body: html`<section><dl>${facts}</dl></section>${refusal(cx, summary.denied)}` };
  const s = summary.ok;
  const contacts = s.ContactCounts.reduce((n, c) => n + c.Count, 0);
  return {
    title: t.overview,
    body: html`<section><dl>
${facts}
<dt>${t.folders}</dt><dd>${s.FolderCount}</dd>
<dt>${t.accounts}</dt><dd>${s.AccountCount}</dd>
<dt>${t.contacts}</dt><dd><a href="/console/contacts">${contacts}</a></dd>
</dl></section>
<section><h2>${t.contactsByStatus}</h2>
<table><thead><tr><th scope="col">${t.status}</th><th scope="col">${t.count}</th></tr></thead><tbody>
${s.ContactCounts.map((c) => html`<tr><td><a href="/console/contacts?status=${c.Status}">${c.Status}</a></td><td>${c.Count}</td></tr>`)}
</tbody></table></section>
<section><h2>${t.uncovered}</h2>
<table><thead><tr><th scope="col">${t.messageType}</th><th scope="col">${t.count}</th></tr></thead><tbody>
${s.UncoveredAccountCounts.map((u) => html`<tr><td>${u.MessageType}</td><td><a href="/console/coverage?gaps=1&amp;type=${u.MessageType}">${u.Count}</a></td></tr>`)}
</tbody></table></section>`,
  };
}
