import type { OutboxMessage } from '../store/records.js';

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
  /** The HTML part, for email. */
  html?: string;
}

/** How verification messages leave the server: the outbox, SMTP, an SMS provider. */
export interface Delivery {
  /** Resolves once the message is accepted for delivery; rejects when it cannot be. */
  send(message: VerificationMessage): Promise<void>;
}

/** What a transport is given to deliver: a message as it is kept in the store. */
export type OutgoingMessage = Pick<OutboxMessage, 'id' | 'channel' | 'to' | 'subject' | 'text' | 'html' | 'link' | 'code'>;

/** A real way out for one channel: an SMTP server, an SMS provider. */
export interface Transport {
  /** Shown in logs: `smtp`, `webhook`, `aliyun`. */
  readonly name: string;
  /** True when the provider sends only its approved template (Alibaba Cloud SMS), not a message's own text. */
  readonly templateOnly?: boolean;
  /** Resolves once the server or provider accepted the message; rejects (to be retried) otherwise. */
  deliver(message: OutgoingMessage): Promise<void>;
  close?(): void;
}
