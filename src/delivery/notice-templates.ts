import { escapeHtml, fillTemplate, oneLine, plain, readTemplate, type ComposedEmail } from './templates.js';

/** The files of the published-notice templates; RDC_TEMPLATES_DIR may replace any of them. */
const FILES = {
  subject: 'message.subject.txt',
  text: 'message.text.txt',
  html: 'message.html',
  sms: 'message-sms.text.txt',
} as const;

/** What a notice template may use, as `{{name}}`. */
export interface NoticeValues {
  /** The recipient's name. */
  name: string;
  messageId: string;
  messageType: string;
  subject: string;
  content: string;
  /** The management account that published it. */
  tenant: string;
  /** How many of the message's accounts this recipient covers. */
  accountCount: string;
  /** The first of those accounts, one per line: `<ID> <display name>`, then a line saying how many more, if any. */
  accounts: string;
  /** Their IDs, comma-separated (for SMS, shortened past 5). */
  accountIds: string;
}

const KNOWN: ReadonlySet<string> = new Set<keyof NoticeValues>(['name', 'messageId', 'messageType', 'subject', 'content', 'tenant', 'accountCount', 'accounts', 'accountIds']);

/**
 * The templates of published notices (PublishMessage): one email and one SMS per recipient, naming the
 * accounts of the message it covers (the first NAMED_ACCOUNTS, and how many more). Read and checked at start-up; values are HTML-escaped in `message.html`.
 */
export class NoticeTemplates {
  private readonly sources: Record<keyof typeof FILES, string>;

  constructor(dir?: string) {
    const read = (file: string) => readTemplate(dir, file, KNOWN);
    this.sources = { subject: read(FILES.subject), text: read(FILES.text), html: read(FILES.html), sms: read(FILES.sms) };
  }

  email(values: NoticeValues): ComposedEmail {
    return {
      subject: oneLine(fillTemplate(this.sources.subject, values, plain)),
      text: fillTemplate(this.sources.text, values, plain),
      html: fillTemplate(this.sources.html, values, escapeHtml),
    };
  }

  sms(values: NoticeValues): string {
    return fillTemplate(this.sources.sms, values, plain).trim();
  }
}

/**
 * The values of a recipient's notice: the accounts it names (the first of those the recipient covers, with
 * their display names) and, when it covers more, how many more and that GetMessage lists them all.
 */
export function noticeValues(
  message: { id: string; messageType: string; subject: string; content: string; tenant: string },
  recipientName: string,
  named: ReadonlyArray<{ accountId: string; displayName: string }>,
  accountCount: number,
): NoticeValues {
  const ids = named.map((a) => a.accountId);
  const unnamed = accountCount - named.length;
  const lines = named.map((a) => `${a.accountId} ${a.displayName}`);
  if (unnamed > 0) lines.push(`… and ${unnamed} more: GetMessage ${message.id} lists every account of this message.`);
  return {
    name: recipientName,
    messageId: message.id,
    messageType: message.messageType,
    subject: message.subject,
    content: message.content,
    tenant: message.tenant,
    accountCount: String(accountCount),
    accounts: lines.join('\n'),
    accountIds: accountCount <= 5 ? ids.join(', ') : `${ids.slice(0, 5).join(', ')} and ${accountCount - 5} more`,
  };
}
