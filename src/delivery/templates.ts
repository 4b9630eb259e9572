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
    const read = (file: string) => readTemplate(dir, file, KNOWN);
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
      subject: oneLine(fillTemplate(this.sources.emailSubject, values, plain)),
      text: fillTemplate(this.sources.emailText, values, plain),
      html: fillTemplate(this.sources.emailHtml, values, escapeHtml),
    };
  }

  sms(values: TemplateValues): string {
    return fillTemplate(this.sources.smsText, values, plain).trim();
  }
}

/**
 * Reads a template: the operator's file of that name in `dir` when there is one, else the shipped one. An
 * unknown `{{placeholder}}` is a ConfigError, so a typo does not send mail with a hole in it.
 */
export function readTemplate(dir: string | undefined, file: string, known: ReadonlySet<string>): string {
  if (dir !== undefined && !existsSync(dir)) throw new ConfigError(`RDC_TEMPLATES_DIR (--templates-dir): no such folder ${dir}`);
  const own = dir === undefined ? undefined : join(dir, file);
  const path = own !== undefined && existsSync(own) ? own : join(SHIPPED_TEMPLATES_DIR, file);
  const text = readFileSync(path, 'utf8');
  for (const [, name] of text.matchAll(PLACEHOLDER)) {
    if (!known.has(name!)) throw new ConfigError(`template ${path}: unknown placeholder {{${name}}} (known: ${[...known].join(', ')})`);
  }
  return text;
}

/** Replaces every `{{name}}` of a template by its value, encoded by `encode` (escapeHtml for HTML). */
export function fillTemplate<V extends object>(template: string, values: V, encode: (s: string) => string): string {
  return template.replace(PLACEHOLDER, (_, name: string) => encode(String(values[name as keyof V])));
}

/** A subject is one line, whatever the template's line ends. */
export function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

export function plain(s: string): string {
  return s;
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
