import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../config.js';
import { PACKAGE_ROOT } from '../package-root.js';

/** The templates shipped with rdcontacts: the `templates/` folder at the package's root. */
export const SHIPPED_TEMPLATES_DIR = join(PACKAGE_ROOT, 'templates');

/** The files of a template folder; RDC_TEMPLATES_DIR may replace any of them. */
const FILES = {
  emailSubject: 'email.subject.txt',
  emailText: 'email.text.txt',
  emailHtml: 'email.html',
  smsText: 'sms.text.txt',
} as const;

/** What a template may use, as `{{name}}`. */
export interface TemplateValues {
  /** The contact's name. */
  name: string;
  /** The email address or phone number being verified. */
  target: string;
  /** The management account of the contact. */
  accountId: string;
  link: string;
  /** The 6-digit SMS code (empty for email). */
  code: string;
  /** How long the link stays valid, in words ("24 hours"). */
  validity: string;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;
const KNOWN = new Set<string>(['name', 'target', 'accountId', 'link', 'code', 'validity']);

export interface ComposedEmail {
  subject: string;
  text: string;
  html: string;
}

/**
 * The verification message templates: the shipped ones, each replaceable by a file of the same name in the
 * operator's folder. Templates are read and checked once, at start-up (an unknown `{{placeholder}}` is a
 * ConfigError, so a typo does not send mail with a hole in it). Values are HTML-escaped in `email.html`.
 */
export class MessageTemplates {
  private readonly sources: Record<keyof typeof FILES, string>;

  constructor(dir?: string) {
    if (dir !== undefined && !existsSync(dir)) throw new ConfigError(`RDC_TEMPLATES_DIR (--templates-dir): no such folder ${dir}`);
    const read = (file: string): string => {
      const own = dir === undefined ? undefined : join(dir, file);
      const path = own !== undefined && existsSync(own) ? own : join(SHIPPED_TEMPLATES_DIR, file);
      const text = readFileSync(path, 'utf8');
      for (const [, name] of text.matchAll(PLACEHOLDER)) {
        if (!KNOWN.has(name!)) throw new ConfigError(`template ${path}: unknown placeholder {{${name}}} (known: ${[...KNOWN].join(', ')})`);
      }
      return text;
    };
    this.sources = {
      emailSubject: read(FILES.emailSubject),
      emailText: read(FILES.emailText),
      emailHtml: read(FILES.emailHtml),
      smsText: read(FILES.smsText),
    };
  }

  email(values: TemplateValues): ComposedEmail {
    return {
      // A subject is one line, whatever the template's line ends.
      subject: fill(this.sources.emailSubject, values, plain).replace(/\s*[\r\n]+\s*/g, ' ').trim(),
      text: fill(this.sources.emailText, values, plain),
      html: fill(this.sources.emailHtml, values, escapeHtml),
    };
  }

  sms(values: TemplateValues): string {
    return fill(this.sources.smsText, values, plain).trim();
  }
}

function fill(template: string, values: TemplateValues, encode: (s: string) => string): string {
  return template.replace(PLACEHOLDER, (_, name: string) => encode(values[name as keyof TemplateValues]));
}

function plain(s: string): string {
  return s;
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
