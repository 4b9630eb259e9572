import type { Operation } from '../operation.js';
import addMessageContact from './add-message-contact.js';
import updateMessageContact from './update-message-contact.js';
import deleteMessageContact from './delete-message-contact.js';
import getMessageContact from './get-message-contact.js';
import listMessageContacts from './list-message-contacts.js';
import associateMembers from './associate-members.js';
import disassociateMembers from './disassociate-members.js';
import sendEmailVerification from './send-email-verification-for-message-contact.js';
import sendPhoneVerification from './send-phone-verification-for-message-contact.js';
import cancelMessageContactUpdate from './cancel-message-contact-update.js';
import getMessageContactDeletionStatus from './get-message-contact-deletion-status.js';
import listMessageContactVerifications from './list-message-contact-verifications.js';

/** The message-contact operations. */
export const contactOperations: Operation<any, any>[] = [
  addMessageContact,
  updateMessageContact,
  deleteMessageContact,
  getMessageContact,
  listMessageContacts,
  associateMembers,
  disassociateMembers,
  sendEmailVerification,
  sendPhoneVerification,
  cancelMessageContactUpdate,
  getMessageContactDeletionStatus,
  listMessageContactVerifications,
];
