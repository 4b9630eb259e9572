import { html } from '../page.js';
import type { ConsoleRequest, PageResult } from './context.js';
import { actionForm, field, pager, statusBadge } from './layout.js';

const PAGE_SIZE = 20;

interface Folder {
  FolderId: string;
  FolderName: string;
}

/** One folder of the tree: where it is, its folders and accounts (paged and searchable), and what may be done there. */
export async function directoryPage(cx: ConsoleRequest): Promise<PageResult> {
  const { t, query } = cx;
  const { ResourceDirectory: rd } = await cx.call('GetResourceDirectory');
  const folderId: string = query.folder || rd.RootFolderId;
  const keyword = query.q || undefined;
  const folderPage = Math.max(1, Number.parseInt(query.fpage ?? '1', 10) || 1);
  const accountPage = Math.max(1, Number.parseInt(query.apage ?? '1', 10) || 1);
  const [{ Folder: here }, ancestors, folders, accounts] = await Promise.all([
    cx.call('GetFolder', { FolderId: folderId }),
    cx.call('ListAncestors', { ChildId: folderId }),
    cx.call('ListFoldersForParent', { ParentFolderId: folderId, QueryKeyword: keyword, PageNumber: String(folderPage), PageSize: String(PAGE_SIZE) }),
    cx.call('ListAccountsForParent', { ParentFolderId: folderId, QueryKeyword: keyword, PageNumber: String(accountPage), PageSize: String(PAGE_SIZE) }),
  ]);
  const trail: Folder[] = [...ancestors.Folders.Folder, here];
  const parent = trail.at(-2);
  const isRoot = folderId === rd.RootFolderId;
  const folderLink = (f: Folder) => html`<a href="/console/directory?folder=${f.FolderId}">${f.FolderName}</a>`;
  const accountRows: Array<{ AccountId: string; DisplayName: string; Status: string }> = accounts.Accounts.Account;
  return {
    title: `${t.directory}: ${here.FolderName}`,
    body: html`<section><dl>
<dt>${t.directoryId}</dt><dd>${rd.ResourceDirectoryId}</dd>
<dt>${t.path}</dt><dd><nav aria-label="${t.path}">${trail.map((f, i) => html`${i > 0 ? ' / ' : ''}${folderLink(f)}`)}</nav></dd>
<dt>${t.id}</dt><dd>${folderId}</dd>
</dl>
<form method="get" action="/console/directory" role="search"><input type="hidden" name="folder" value="${folderId}">
<label for="dir-q">${t.searchLabel}</label><input type="search" id="dir-q" name="q" value="${keyword ?? ''}"><button type="submit" class="quiet">${t.search}</button></form>
</section>
<section><h2>${t.subfolders}</h2>
${folders.Folders.Folder.length === 0 ? html`<p>${t.none}</p>` : html`<ul>${(folders.Folders.Folder as Folder[]).map((f) => html`<li>${folderLink(f)} <small>${f.FolderId}</small></li>`)}</ul>`}
${pager(cx, 'fpage', folderPage, Number(folders.TotalCount), PAGE_SIZE)}
</section>
<section><h2>${t.accountsHere}</h2>
${
  accountRows.length === 0
    ? html`<p>${t.none}</p>`
    : html`<table><thead><tr><th scope="col">${t.displayName}</th><th scope="col">${t.accountId}</th><th scope="col">${t.status}</th></tr></thead><tbody>
${accountRows.map((a) => html`<tr><td>${a.DisplayName}</td><td>${a.AccountId}</td><td>${statusBadge(a.Status)}</td></tr>`)}</tbody></table>`
}
${pager(cx, 'apage', accountPage, Number(accounts.TotalCount), PAGE_SIZE)}
</section>
${actionForm(cx, 'CreateFolder', html`<h2>${t.createFolder}</h2><input type="hidden" name="ParentFolderId" value="${folderId}">${field('new-folder', 'FolderName', t.folderName, { required: true })}`, t.createFolder)}
${isRoot ? '' : actionForm(cx, 'UpdateFolder', html`<h2>${t.renameFolder}</h2><input type="hidden" name="FolderId" value="${folderId}">${field('rename-folder', 'NewFolderName', t.newFolderName, { required: true, value: here.FolderName })}`, t.renameFolder)}
${isRoot ? '' : actionForm(cx, 'DeleteFolder', html`<input type="hidden" name="FolderId" value="${folderId}">`, t.deleteFolder, { danger: true, next: `/console/directory?folder=${parent?.FolderId ?? ''}` })}
${actionForm(
  cx,
  'CreateResourceAccount',
  html`<h2>${t.createAccount}</h2><input type="hidden" name="ParentFolderId" value="${folderId}">${field('new-account-name', 'DisplayName', t.displayName, { required: true })}${field('new-account-prefix', 'AccountNamePrefix', t.accountNamePrefix, { required: true })}`,
  t.createAccount,
)}
${
  accountRows.length === 0
    ? ''
    : actionForm(
        cx,
        'MoveAccount',
        html`<h2>${t.moveAccount}</h2><label for="move-account">${t.account}</label><select id="move-account" name="AccountId">${accountRows.map((a) => html`<option value="${a.AccountId}">${a.DisplayName} (${a.AccountId})</option>`)}</select>${field('move-destination', 'DestinationFolderId', t.destination, { required: true })}`,
        t.move,
      )
}
${actionForm(cx, 'DestroyResourceDirectory', html`<h2>${t.destroyDirectory}</h2><p class="hint">${t.destroyHint}</p>`, t.destroyDirectory, { danger: true, next: '/console' })}`,
  };
}
