import { contactDate } from '../../domain/dates.js';
import type { ContactView } from '../../domain/contacts.js';

/** A contact as GetMessageContact answers it: every documented field, lists as plain arrays. */
export function contactBody(c: ContactView): Record<string, unknown> {
  return {
    ContactId: c.id,
    Name: c.name,
    EmailAddress: c.email,
    PhoneNumber: c.phone,
    Title: c.title,
    MessageTypes: c.messageTypes,
    Members: c.members,
    Status: c.status,
    CreateDate: contactDate(c.createdAt),
  };
}

/** A ListMessageContacts entry: a contact and the time of its (matching) binding, '' without one. */
export function listedContactBody(c: ContactView): Record<string, unknown> {
  return { ...contactBody(c), AssociatedDate: c.associatedAt === undefined ? '' : contactDate(c.associatedAt) };
}
