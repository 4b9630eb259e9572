/** One verification message to a contact's pending email address or phone number. */
export interface VerificationMessage {
  Id: string;
  channel: 'email' | 'sms';
  /** The email address or phone number (`86-139…`). */
  to: string;
  contactId: string;
  contactName: string;
  /** The management account the contact belongs to. */
  accountId: string;
  /** The verification page of this message's token. */
  link: string;
  /** The 6-digit code, for SMS. */
  code?: string;
  subject: string;
  text: string;
}

/** How verification messages leave the server: the outbox, SMTP, an SMS provider. */
export interface Delivery {
  /** Resolves once the message is accepted for delivery; rejects when it cannot be. */
  send(message: VerificationMessage): Promise<void>;
}
