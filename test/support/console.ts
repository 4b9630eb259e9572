/** Helpers of the console tests: axe-core inside a page, and a plain HTTP client that signs in and posts forms. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);

/** axe-core's browser bundle (a devDependency). */
function axeSource(): string {
  return readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
}

/** Runs axe-core (WCAG 2 A and AA rules) in the page; the serious and critical violations, readable. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // The page's CSP forbids any script; the test context is made with bypassCSP so axe can be injected.
  await page.addScriptTag({ content: axeSource() });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(o: object): Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const { violations } = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

export interface ConsoleAnswer {
  status: number;
  location: string | undefined;
  body: string;
  headers: Headers;
}

/** A console user without a browser: keeps the session cookie, reads the form token, posts forms. */
export class ConsoleClient {
  cookie = '';

  constructor(readonly base: string) {}

  async signIn(accessKeyId: string, secret: string, extraHeaders: Record<string, string> = {}): Promise<ConsoleAnswer> {
    const answer = await this.post('/console/sign-in', { AccessKeyId: accessKeyId, AccessKeySecret: secret }, extraHeaders);
    const set = answer.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!;
    return answer;
  }

  get(path: string): Promise<ConsoleAnswer> {
    return this.request('GET', path);
  }

  /** The form token of the session, read from a page the way a browser would have it. */
  async csrf(): Promise<string> {
    const { body } = await this.get('/console/contacts');
    const token = /name="_csrf" value="([^"]+)"/.exec(body)?.[1];
    if (!token) throw new Error('no form token on the page');
    return token;
  }

  post(path: string, form: Record<string, string | string[]>, headers: Record<string, string> = {}): Promise<ConsoleAnswer> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(form)) for (const v of [value].flat()) body.append(name, v);
    return this.request('POST', path, body.toString(), { 'content-type': 'application/x-www-form-urlencoded', origin: this.base, ...headers });
  }

  private async request(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<ConsoleAnswer> {
    const res = await fetch(this.base + path, { method, body, redirect: 'manual', headers: { ...(this.cookie && { cookie: this.cookie }), ...headers } });
    return { status: res.status, location: res.headers.get('location') ?? undefined, body: await res.text(), headers: res.headers };
  }
}
