import { html, type Html } from '../page.js';
import { ApiError } from '../../errors/api-error.js';
import { listAll, type ConsoleRequest, type PageResult } from './context.js';
import { actionForm, statusBadge } from './layout.js';

/** One contact: its facts, pending changes, bindings with a tree picker, and deletion (with its failure reasons). */
export async function contactPage(cx: ConsoleRequest): Promise<PageResult> {
  const { t } = cx;
  const ContactId = cx.params.id ?? '';
  const { Contact: c } = await cx.call('GetMessageContact', { ContactId });
  const [verifications, deletion, picker] = await Promise.all([
    listAll(cx, 'ListMessageContactVerifications', { ContactId }, (b) => b.ContactVerifications as Array<{ Target: string }>),
    cx.call('GetMessageContactDeletionStatus', { ContactId }).then(
      (b) => b.ContactDeletionStatus as { Status: string; FailReasonList: Array<{ AccountId: string; MessageTypes: string[] }> },
      (err: unknown) => {
        if (err instanceof ApiError) return undefined;
        throw err;
      },
    ),
    cx.may('AssociateMembers') ? bindPicker(cx, ContactId, c.Members) : html``,
  ]);
  const hidden = html`<input type="hidden" name="ContactId" value="${ContactId}">`;
  return {
    title: `${t.contact}: ${c.Name}`,
    body: html`<section><dl>
<dt>${t.id}</dt><dd>${c.ContactId}</dd>
<dt>${t.title}</dt><dd>${c.Title}</dd>
<dt>${t.email}</dt><dd>${c.EmailAddress}</dd>
<dt>${t.phone}</dt><dd>${c.PhoneNumber}</dd>
<dt>${t.messageTypes}</dt><dd>${c.MessageTypes.join(', ')}</dd>
<dt>${t.status}</dt><dd>${statusBadge(c.Status)}</dd>
<dt>${t.created}</dt><dd>${c.CreateDate}</dd>
</dl></section>
<section><h2>${t.pending}</h2>
${verifications.length === 0 ? html`<p>${t.none}</p>` : ''}
<ul>${verifications.map(({ Target }) => {
      const target = Target.includes('@') ? html`<input type="hidden" name="EmailAddress" value="${Target}">` : html`<input type="hidden" name="PhoneNumber" value="${Target}">`;
      const send = Target.includes('@') ? 'SendEmailVerificationForMessageContact' : 'SendPhoneVerificationForMessageContact';
      return html`<li>${Target} ${actionForm(cx, send, html`${hidden}${target}`, t.sendVerification, { inline: true })} ${actionForm(cx, 'CancelMessageContactUpdate', html`${hidden}${target}`, t.cancelChange, { inline: true })}</li>`;
    })}</ul>
</section>
<section><h2>${t.bindings}</h2>
${c.Members.length === 0 ? html`<p>${t.none}</p>` : ''}
<ul>${(c.Members as string[]).map((m) => html`<li>${m} ${actionForm(cx, 'DisassociateMembers', html`${hidden}<input type="hidden" name="Members" value="${m}">`, `${t.unbind} ${m}`, { inline: true })}</li>`)}</ul>
${picker}
</section>
${deletion ? deletionSection(cx, deletion) : ''}
${actionForm(
  cx,
  'DeleteMessageContact',
  html`<h2>${t.deleteContact}</h2>${hidden}<input type="hidden" name="RetainContactInMembers" value="false"><label><input type="checkbox" name="RetainContactInMembers" value="true" checked> ${t.retain}</label>`,
  t.deleteContact,
  { danger: true },
)}`,
  };
}

function deletionSection(cx: ConsoleRequest, d: { Status: string; FailReasonList: Array<{ AccountId: string; MessageTypes: string[] }> }): Html {
  const { t } = cx;
  return html`<section><h2>${t.deletion}</h2><p>${statusBadge(d.Status)}</p>
${d.FailReasonList.length === 0 ? '' : html`<h3>${t.failReasons}</h3><ul>${d.FailReasonList.map((f) => html`<li>${t.failReason(f.AccountId, f.MessageTypes.join(', '))}</li>`)}</ul>`}
</section>`;
}

/**
 * The tree picker, one folder at a time so a large tree stays quick: the directory, the path down to the
 * folder being looked at (links up), that folder, its folders (each with a link to open it) and its accounts,
 * all as checkboxes; a member the contact is bound to already shows ticked and disabled.
 */
async function bindPicker(cx: ConsoleRequest, ContactId: string, bound: string[]): Promise<Html> {
  const { t } = cx;
  const { ResourceDirectory: rd } = await cx.call('GetResourceDirectory');
  const at: string = cx.query.pick || rd.RootFolderId;
  const [{ Folder: here }, ancestors, children, accounts] = await Promise.all([
    cx.call('GetFolder', { FolderId: at }),
    cx.call('ListAncestors', { ChildId: at }),
    listAll(cx, 'ListFoldersForParent', { ParentFolderId: at }, (b) => b.Folders.Folder as Array<{ FolderId: string; FolderName: string }>),
    cx.call('ListAccountsForParent', { ParentFolderId: at, PageSize: '100' }),
  ]);
  const open = (id: string, name: string) => html`<a href="/console/contacts/${ContactId}?pick=${id}#picker">${name}</a>`;
  const box = (id: string, label: string, depth: number, extra: Html | string = '') =>
    html`<div class="tree"><label><input type="checkbox" name="Members" value="${id}"${bound.includes(id) ? html` checked disabled` : ''}> ${'— '.repeat(depth)}${label} <small>${id}</small></label>${extra}</div>`;
  const trail: Array<{ FolderId: string; FolderName: string }> = ancestors.Folders.Folder;
  const depth = trail.length + 1;
  return actionForm(
    cx,
    'AssociateMembers',
    html`<input type="hidden" name="ContactId" value="${ContactId}"><fieldset id="picker"><legend>${t.picker}</legend>
${box(rd.ResourceDirectoryId, t.directory, 0)}
${trail.length > 0 ? html`<p class="hint">${t.path}: ${trail.map((f, i) => html`${i > 0 ? ' / ' : ''}${open(f.FolderId, f.FolderName)}`)}</p>` : ''}
${box(here.FolderId, here.FolderName, depth)}
${children.map((f) => box(f.FolderId, f.FolderName, depth + 1, html` <small>${open(f.FolderId, `${t.openFolder} ${f.FolderName}`)}</small>`))}
${(accounts.Accounts.Account as Array<{ AccountId: string; DisplayName: string }>).map((a) => box(a.AccountId, a.DisplayName, depth + 1))}
${Number(accounts.TotalCount) > 100 ? html`<p class="hint">${t.moreAccounts}</p>` : ''}
</fieldset>`,
    t.bind,
  );
}
