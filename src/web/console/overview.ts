import { html } from '../page.js';
import { MESSAGE_TYPES } from '../../domain/contact-rules.js';
import { listAll, type ConsoleRequest, type PageResult } from './context.js';
import { allCoverageRows, contactsOf } from './coverage.js';

/** The directory at a glance: its facts, counts, contacts by status and the gaps in coverage per message type. */
export async function overviewPage(cx: ConsoleRequest): Promise<PageResult> {
  const { t } = cx;
  const { ResourceDirectory: rd } = await cx.call('GetResourceDirectory');
  const [folders, contacts, rows] = await Promise.all([countFolders(cx, rd.RootFolderId), contactsOf(cx), allCoverageRows(cx)]);
  const byStatus = new Map<string, number>();
  for (const c of contacts) byStatus.set(c.Status, (byStatus.get(c.Status) ?? 0) + 1);
  return {
    title: t.overview,
    body: html`<section><dl>
<dt>${t.directoryId}</dt><dd>${rd.ResourceDirectoryId}</dd>
<dt>${t.rootFolder}</dt><dd><a href="/console/directory?folder=${rd.RootFolderId}">${rd.RootFolderId}</a></dd>
<dt>${t.created}</dt><dd>${rd.CreateTime}</dd>
<dt>${t.folders}</dt><dd>${folders}</dd>
<dt>${t.accounts}</dt><dd>${rows.length}</dd>
<dt>${t.contacts}</dt><dd><a href="/console/contacts">${contacts.length}</a></dd>
</dl></section>
<section><h2>${t.contactsByStatus}</h2>
<table><thead><tr><th scope="col">${t.status}</th><th scope="col">${t.count}</th></tr></thead><tbody>
${[...byStatus].map(([status, n]) => html`<tr><td><a href="/console/contacts?status=${status}">${status}</a></td><td>${n}</td></tr>`)}
</tbody></table></section>
<section><h2>${t.uncovered}</h2>
<table><thead><tr><th scope="col">${t.messageType}</th><th scope="col">${t.count}</th></tr></thead><tbody>
${MESSAGE_TYPES.map((type) => html`<tr><td>${type}</td><td><a href="/console/coverage?gaps=1&amp;type=${type}">${rows.filter((r) => r.cover[type].length === 0).length}</a></td></tr>`)}
</tbody></table></section>`,
  };
}

/** Folders below Root, counted through ListFoldersForParent. */
async function countFolders(cx: ConsoleRequest, rootId: string): Promise<number> {
  let count = 0;
  const queue = [rootId];
  while (queue.length > 0) {
    const children = await listAll(cx, 'ListFoldersForParent', { ParentFolderId: queue.shift()! }, (b) => b.Folders.Folder as Array<{ FolderId: string }>);
    count += children.length;
    queue.push(...children.map((f) => f.FolderId));
  }
  return count;
}
