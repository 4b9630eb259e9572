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
  /** Those accounts, one per line: `<ID> <display name>`. */
  accounts: string;
  /** Their IDs, comma-separated (for SMS, shortened past 5). */
  accountIds: string;
}

const KNOWN: ReadonlySet<string> = new Set<keyof NoticeValues>(['name', 'messageId', 'messageType', 'subject', 'content', 'tenant', 'accountCount', 'accounts', 'accountIds']);

/**
 * The templates of published notices (PublishMessage): one email and one SMS per recipient, naming every
 * account of the message it covers. Read and checked at start-up; values are HTML-escaped in `message.html`.
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

/** The values of a recipient's notice: its accounts listed with their display names. */
export function noticeValues(
  message: { id: string; messageType: string; subject: string; content: string; tenant: string },
  recipientName: string,
  accounts: ReadonlyArray<{ accountId: string; displayName: string }>,
): NoticeValues {
  const ids = accounts.map((a) => a.accountId);
  return {
    name: recipientName,
    messageId: message.id,
    messageType: message.messageType,
    subject: message.subject,
    content: message.content,
    tenant: message.tenant,
    accountCount: String(accounts.length),
    accounts: accounts.map((a) => `${a.accountId} ${a.displayName}`).join('\n'),
    accountIds: ids.length <= 5 ? ids.join(', ') : `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more`,
  };
}
