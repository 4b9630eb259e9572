import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { decide, factsOf } from '../../auth/authorize.js';
import type { KeyRing } from '../../auth/keys.js';
import { ApiError } from '../../errors/api-error.js';
import type { OperationInvoker } from '../../protocol/pipeline.js';
import { ramActionOf, type Operation } from '../../operations/operation.js';
import { DEFAULT_VERSION, registry } from '../../operations/registry.js';
import { RDCONTACTS_2026 } from '../../operations/rdcontacts/api.js';
import type { Store } from '../../store/store.js';
import { html } from '../page.js';
import { toParamMap, type CallParams, type ConsoleRequest, type PageResult } from './context.js';
import { LANGUAGES, pickLang } from './i18n.js';
import { actionForm, consolePage, describeError, STYLE } from './layout.js';
import { Sessions, SignInLimiter, type Session } from './sessions.js';
import { signInPage } from './sign-in.js';
import { overviewPage } from './overview.js';
import { directoryPage } from './directory.js';
import { contactsPage, newContactPage } from './contacts.js';
import { contactPage } from './contact.js';
import { coveragePage } from './coverage.js';
import { outboxPage } from './outbox.js';
import { accountPage } from './account.js';
import { messagePage, messagesPage } from './messages.js';

export interface ConsoleDeps {
  keys: KeyRing;
  invoke: OperationInvoker;
  /** Where the sessions are kept: every node of one database sees them. */
  store: Store;
  outboxOn: boolean;
  sessionTtlMs: number;
  signInLimit: number;
}

type PageHandler = (cx: ConsoleRequest) => Promise<PageResult>;

/** The API actions the console's forms may run; every one goes through the operation as the signed-in identity. */
const ACTIONS = new Set([
  'EnableResourceDirectory',
  'DestroyResourceDirectory',
  'CreateFolder',
  'UpdateFolder',
  'DeleteFolder',
  'CreateResourceAccount',
  'MoveAccount',
  'AddMessageContact',
  'CancelMessageContactUpdate',
  'SendEmailVerificationForMessageContact',
  'SendPhoneVerificationForMessageContact',
  'AssociateMembers',
  'DisassociateMembers',
  'DeleteMessageContact',
  'PublishMessage',
]);

/** Where an action's answer leads, when not back to the form's page: a published message to its delivery log. */
const NEXT_OF: Record<string, (answer: Record<string, any>) => string> = {
  PublishMessage: (answer) => `/console/messages/${encodeURIComponent(String(answer.MessageId))}`,
};

/** Form fields that are lists in the API (a checkbox group sends one value per ticked box). */
const LIST_FIELDS = new Set(['Members', 'MessageTypes']);

const SESSION_COOKIE = 'rdc_session';
const LANG_COOKIE = 'rdc_lang';
const CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/**
 * The web console at /console: sign-in with an AccessKey pair, a server-side session, and pages whose every
 * read and change is an API operation run as the signed-in identity (src/protocol/pipeline.ts).
 */
export function registerConsole(fastify: FastifyInstance, deps: ConsoleDeps): void {
  const sessions = new Sessions(deps.store, deps.keys, deps.sessionTtlMs);
  const limiter = new SignInLimiter(deps.signInLimit);

  fastify.get('/console/assets/console.css', async (_req, reply) =>
    reply.header('content-type', 'text/css; charset=utf-8').header('cache-control', 'max-age=3600').header('x-content-type-options', 'nosniff').send(STYLE),
  );

  fastify.get('/console/lang', async (req, reply) => {
    const { to, back } = req.query as Record<string, string | undefined>;
    if (to === 'en' || to === 'zh') reply.header('set-cookie', cookie(req, LANG_COOKIE, to, 365 * 86400));
    return reply.redirect(safeBack(back) ?? '/console', 303);
  });

  fastify.get('/console/sign-in', async (req, reply) => {
    const cx = requestOf(req, deps);
    return sendPage(reply, cx, signInPage(cx, (req.query as Record<string, string>).ended === '1' ? cx.t.sessionEnded : undefined));
  });

  fastify.post('/console/sign-in', async (req, reply) => {
    const cx = requestOf(req, deps);
    if (!sameOrigin(req)) return sendPage(reply, cx, { ...signInPage(cx), status: 403 });
    if (limiter.blocked(req.ip)) return sendPage(reply, cx, { ...signInPage(cx, cx.t.signInLimited), status: 429 });
    const form = formOf(req);
    const session = await sessions.signIn(form.get('AccessKeyId') ?? '', form.get('AccessKeySecret') ?? '');
    if (!session) {
      limiter.fail(req.ip);
      return sendPage(reply, cx, { ...signInPage(cx, cx.t.signInFailed), status: 401 });
    }
    reply.header('set-cookie', cookie(req, SESSION_COOKIE, session.id, Math.floor(deps.sessionTtlMs / 1000)));
    return reply.redirect('/console', 303);
  });

  fastify.post('/console/sign-out', async (req, reply) => {
    const signedIn = await resume(req);
    if (signedIn && formOk(req, signedIn.session)) await sessions.signOut(signedIn.session.id);
    reply.header('set-cookie', cookie(req, SESSION_COOKIE, '', 0));
    return reply.redirect('/console/sign-in', 303);
  });

  const pages: Array<[string, PageHandler]> = [
    ['/console', overviewPage],
    ['/console/directory', directoryPage],
    ['/console/contacts', contactsPage],
    ['/console/contacts/new', newContactPage],
    ['/console/contacts/:id', contactPage],
    ['/console/coverage', coveragePage],
    ['/console/accounts/:id', accountPage],
    ['/console/messages', messagesPage],
    ['/console/messages/:id', messagePage],
    ...(deps.outboxOn ? ([['/console/outbox', outboxPage]] as Array<[string, PageHandler]>) : []),
  ];
  for (const [path, handler] of pages) {
    fastify.get(path, async (req, reply) => {
      const signedIn = await resume(req);
      if (!signedIn) return toSignIn(req, reply);
      const cx = requestOf(req, deps, signedIn);
      try {
        return sendPage(reply, cx, await handler(cx));
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        return sendPage(reply, cx, failurePage(cx, err));
      }
    });
  }

  fastify.post('/console/do/:action', async (req, reply) => {
    const signedIn = await resume(req);
    if (!signedIn) return toSignIn(req, reply);
    const { session } = signedIn;
    // A cross-site form, or one without this session's token, changes nothing.
    if (!formOk(req, session)) return reply.code(403).header('content-type', 'text/plain; charset=utf-8').send('Forbidden: the form is not from this console.');
    const cx = requestOf(req, deps, signedIn);
    const action = (req.params as { action: string }).action;
    const form = formOf(req);
    const back = safeBack(form.get('_back')) ?? '/console';
    if (!ACTIONS.has(action)) return reply.code(404).send();
    try {
      const answer = await cx.call(action, paramsOf(form));
      await sessions.flash(session, { tone: 'success', text: cx.t.done });
      return reply.redirect(NEXT_OF[action]?.(answer) ?? safeBack(form.get('_next')) ?? back, 303);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      await sessions.flash(session, { tone: 'error', text: describeError(err, cx.t) });
      return reply.redirect(back, 303);
    }
  });

  function resume(req: FastifyRequest) {
    return sessions.resume(cookiesOf(req)[SESSION_COOKIE]);
  }

  /** To the sign-in page; one whose session cookie no longer resumes is told it ended. */
  function toSignIn(req: FastifyRequest, reply: FastifyReply) {
    const ended = Boolean(cookiesOf(req)[SESSION_COOKIE]);
    if (ended) reply.header('set-cookie', cookie(req, SESSION_COOKIE, '', 0));
    return reply.redirect(`/console/sign-in${ended ? '?ended=1' : ''}`, 303);
  }
}

function requestOf(req: FastifyRequest, deps: ConsoleDeps, signedIn?: { session: Session; key: ConsoleRequest['key'] & object }): ConsoleRequest {
  const url = req.raw.url ?? '/console';
  const q = url.indexOf('?');
  const lang = pickLang(cookiesOf(req)[LANG_COOKIE], req.headers['accept-language']);
  const key = signedIn?.key;
  const secure = req.protocol === 'https';
  return {
    t: LANGUAGES[lang],
    lang,
    url,
    path: q < 0 ? url : url.slice(0, q),
    query: Object.fromEntries(new URLSearchParams(q < 0 ? '' : url.slice(q + 1))),
    params: req.params as Record<string, string>,
    session: signedIn?.session,
    key,
    outboxOn: deps.outboxOn,
    call(action: string, params: CallParams = {}) {
      if (!key) throw new ApiError('InvalidAccessKeyId.NotFound');
      const version = operationOf(action)?.version;
      return deps.invoke({ requestId: req.id, key, action, version, params: toParamMap(params), sourceIp: req.ip, secureTransport: secure, headers: req.headers });
    },
    may(action: string) {
      const operation = operationOf(action);
      if (!key || !operation) return false;
      return decide(key, { action: ramActionOf(operation), resources: ['*'], context: factsOf(key, req.ip, secure) }).allowed;
    },
  };
}

/** The operation a console action names: a Resource Directory action, else one of rdcontacts' own (2026-12-01). */
function operationOf(action: string): Operation<any, any> | undefined {
  return registry.actionsOf(DEFAULT_VERSION).get(action) ?? registry.actionsOf(RDCONTACTS_2026.version).get(action);
}

function sendPage(reply: FastifyReply, cx: ConsoleRequest, result: PageResult): FastifyReply {
  return reply
    .code(result.status ?? 200)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', CSP)
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY')
    .header('referrer-policy', 'same-origin')
    .header('cache-control', 'no-store')
    .send(consolePage(cx, result.title, result.body));
}

/** A page whose operation failed: another tenant's or a missing ID is simply not found; a denial says why. */
function failurePage(cx: ConsoleRequest, err: ApiError): PageResult {
  if (err.code === 'EntityNotExists.ResourceDirectory' || err.code === 'ResourceDirectoryNotInUse') {
    return {
      title: cx.t.overview,
      body: html`<section><p>${cx.t.noDirectory}</p>${actionForm(cx, 'EnableResourceDirectory', html`<input type="hidden" name="EnableMode" value="CurrentAccount">`, cx.t.enableDirectory, { next: '/console' })}</section>`,
    };
  }
  if (err.status === 404 || err.code.startsWith('EntityNotExists.')) {
    return { title: cx.t.notFound, status: 404, body: html`<section><p>${cx.t.notFoundText}</p><p><a href="/console">${cx.t.back}</a></p></section>` };
  }
  return { title: err.code, status: err.status, body: html`<section><p class="flash error" role="alert">${describeError(err, cx.t)}</p><p><a href="/console">${cx.t.back}</a></p></section>` };
}

/** The form's API parameters: fields named `_…` are the console's own; an empty field is one left out. */
function paramsOf(form: URLSearchParams): CallParams {
  const params: Record<string, string | string[]> = {};
  for (const name of new Set(form.keys())) {
    if (name.startsWith('_')) continue;
    const values = form.getAll(name).filter((v) => v !== '');
    if (values.length === 0) continue;
    params[name] = LIST_FIELDS.has(name) ? values : values.at(-1)!;
  }
  return params;
}

function formOf(req: FastifyRequest): URLSearchParams {
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  if (!Buffer.isBuffer(req.body) || !type.startsWith('application/x-www-form-urlencoded')) return new URLSearchParams();
  return new URLSearchParams(req.body.toString('utf8'));
}

/** A POST from this console: same origin (when the browser says where it came from) and the session's form token. */
function formOk(req: FastifyRequest, session: Session): boolean {
  return sameOrigin(req) && formOf(req).get('_csrf') === session.csrf;
}

function sameOrigin(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined) return origin === `${req.protocol}://${req.headers.host}`;
  const site = req.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}

/** Only a console path: a crafted `back` must not send anyone elsewhere. */
function safeBack(value: string | undefined | null): string | undefined {
  return value && /^\/console(\/|\?|$)/.test(value) ? value : undefined;
}

function cookiesOf(req: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

function cookie(req: FastifyRequest, name: string, value: string, maxAge: number): string {
  return `${name}=${value}; Path=/console; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${req.protocol === 'https' ? '; Secure' : ''}`;
}
