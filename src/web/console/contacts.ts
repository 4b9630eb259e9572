import { html } from '../page.js';
import { MESSAGE_TYPES, TITLES } from '../../domain/contact-rules.js';
import { listAll, type ConsoleRequest, type PageResult } from './context.js';
import { actionForm, field, statusBadge } from './layout.js';
import { contactsOf, type ListedContact } from './coverage.js';

const STATUSES = ['Verifying', 'Active', 'Deleting'];

/** The contacts of the directory, filterable by status, message type and member (ListMessageContacts). */
export async function contactsPage(cx: ConsoleRequest): Promise<PageResult> {
  const { t, query } = cx;
  const member = query.member || undefined;
  const listed = member ? await listAll(cx, 'ListMessageContacts', { Member: member }, (b) => b.Contacts as ListedContact[]) : await contactsOf(cx);
  const contacts = listed.filter((c) => (!query.status || c.Status === query.status) && (!query.type || c.MessageTypes.includes(query.type)));
  const option = (value: string, selected: string | undefined) => html`<option value="${value}"${value === selected ? html` selected` : ''}>${value}</option>`;
  return {
    title: t.contacts,
    body: html`${cx.may('AddMessageContact') ? html`<p><a class="button" href="/console/contacts/new">${t.addContact}</a></p>` : ''}
<form method="get" action="/console/contacts" class="card">
<label for="f-status">${t.status}</label><select id="f-status" name="status"><option value="">${t.any}</option>${STATUSES.map((s) => option(s, query.status))}</select>
<label for="f-type">${t.messageType}</label><select id="f-type" name="type"><option value="">${t.any}</option>${MESSAGE_TYPES.map((m) => option(m, query.type))}</select>
${field('f-member', 'member', t.member, { value: member })}
<button type="submit" class="quiet">${t.filter}</button></form>
<div class="scroll"><table><thead><tr><th scope="col">${t.name}</th><th scope="col">${t.title}</th><th scope="col">${t.email}</th><th scope="col">${t.phone}</th><th scope="col">${t.messageTypes}</th><th scope="col">${t.status}</th><th scope="col">${t.bindings}</th></tr></thead><tbody>
${contacts.map(
  (c) => html`<tr><td><a href="/console/contacts/${c.ContactId}">${c.Name}</a></td><td>${c.Title}</td><td>${c.EmailAddress}</td><td>${c.PhoneNumber}</td><td>${c.MessageTypes.join(', ')}</td><td>${statusBadge(c.Status)}</td><td>${c.Members.join(', ')}</td></tr>`,
)}
</tbody></table></div>
${contacts.length === 0 ? html`<p>${t.none}</p>` : ''}`,
  };
}

/** The "Add contact" form (AddMessageContact). */
export async function newContactPage(cx: ConsoleRequest): Promise<PageResult> {
  const { t } = cx;
  return {
    title: t.addContact,
    body: actionForm(
      cx,
      'AddMessageContact',
      html`${field('c-name', 'Name', t.name, { required: true })}
${field('c-email', 'EmailAddress', t.email, { type: 'email' })}
${field('c-phone', 'PhoneNumber', t.phone, { type: 'tel', hint: t.phoneHint })}
<label for="c-title">${t.title}</label><select id="c-title" name="Title">${TITLES.map((title) => html`<option value="${title}">${title}</option>`)}</select>
<fieldset><legend>${t.messageTypes}</legend>${MESSAGE_TYPES.map((m) => html`<label><input type="checkbox" name="MessageTypes" value="${m}"> ${m}</label>`)}</fieldset>`,
      t.add,
      { next: '/console/contacts' },
    ),
  };
}
