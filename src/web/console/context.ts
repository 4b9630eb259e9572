import { ApiError } from '../../errors/api-error.js';
import type { AccessKey } from '../../auth/keys.js';
import type { Html } from '../page.js';
import type { ParamMap } from '../../protocol/params.js';
import type { Lang, Strings } from './i18n.js';
import type { Session } from './sessions.js';

/** What a page answers: its title and body (and a status other than 200). */
export interface PageResult {
  title: string;
  body: Html;
  status?: number;
}

export type CallParams = Record<string, string | readonly string[] | undefined>;

/** One console request as a page sees it: who, in which language, where, and how to call an operation. */
export interface ConsoleRequest {
  t: Strings;
  lang: Lang;
  /** The path and query of this page (forms come back to it). */
  url: string;
  path: string;
  query: Record<string, string>;
  params: Record<string, string>;
  session?: Session;
  key?: AccessKey;
  outboxOn: boolean;
  /** Runs an API operation as the signed-in identity; throws the ApiError the API would answer. */
  call(action: string, params?: CallParams): Promise<any>;
  /** Whether the identity's policies allow the action at all (controls of an action never allowed are not shown). */
  may(action: string): boolean;
}

/** API parameters from plain values: a list becomes `Name.1`, `Name.2`, … as the API takes lists. */
export function toParamMap(params: CallParams): ParamMap {
  const map: ParamMap = new Map();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (typeof value === 'string') map.set(name, value);
    else value.forEach((v, i) => map.set(`${name}.${i + 1}`, v));
  }
  return map;
}

/** Every page of a PageNumber/PageSize list (the console's lists are small: contacts, one folder's children). */
export async function listAll<T>(cx: ConsoleRequest, action: string, params: CallParams, items: (body: any) => T[]): Promise<T[]> {
  const all: T[] = [];
  for (let page = 1; ; page++) {
    const body = await cx.call(action, { ...params, PageNumber: String(page), PageSize: '100' });
    all.push(...items(body));
    if (all.length >= Number(body.TotalCount) || items(body).length === 0) return all;
  }
}

/**
 * An operation's answer, or the denial that refused it: a page shows what the identity may read and, in
 * place of the rest, the readable reason (a Resource Directory reader without rdcontacts' policies).
 */
export async function unlessDenied<T>(work: Promise<T>): Promise<{ ok: T; denied?: undefined } | { denied: ApiError }> {
  try {
    return { ok: await work };
  } catch (err) {
    if (err instanceof ApiError && err.code === 'NoPermission') return { denied: err };
    throw err;
  }
}
