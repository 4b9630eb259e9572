import { ApiError } from '../../errors/api-error.js';
import { html, Html } from '../page.js';
import type { ConsoleRequest } from './context.js';
import { LANGUAGES, type Strings } from './i18n.js';

/** The console's one stylesheet, served from /console/assets (the CSP allows no inline style). */
export const STYLE = `
*{box-sizing:border-box}
body{margin:0;background:#f4f5f7;color:#1f2933;font:15px/1.5 -apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",Arial,sans-serif}
a{color:#0a56b3}
.skip{position:absolute;left:-9999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:2}
header{display:flex;flex-wrap:wrap;align-items:center;gap:16px;padding:10px 24px;background:#1f2933;color:#fff}
header a{color:#fff}
.brand{font-weight:700;margin-right:auto}
header nav ul{display:flex;flex-wrap:wrap;gap:4px;margin:0;padding:0;list-style:none}
header nav a{display:block;padding:6px 10px;border-radius:6px;text-decoration:none}
header nav a[aria-current=page]{background:#3e4c59}
header form{margin:0}
main{max-width:1200px;margin:0 auto;padding:24px}
h1{margin:0 0 16px;font-size:24px}h2{font-size:18px;margin:24px 0 8px}
section>h2:first-child,form>h2:nth-of-type(1){margin-top:0}
section,.card{background:#fff;border:1px solid #d9dde3;border-radius:8px;padding:16px 20px;margin:0 0 16px}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border-bottom:1px solid #e4e7eb;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f8f9fb;font-weight:600}
.scroll{overflow-x:auto}
label{display:block;font-weight:600;margin:10px 0 4px}
fieldset{border:1px solid #d9dde3;border-radius:6px;margin:10px 0;padding:8px 12px}
legend{font-weight:600}
fieldset label{display:inline-block;font-weight:400;margin:4px 16px 4px 0}
.tree{margin:2px 0}.tree label{margin:2px 8px 2px 0}
input[type=text],input[type=password],input[type=email],input[type=tel],input[type=search],select,textarea{padding:7px 9px;font-size:15px;border:1px solid #7b8794;border-radius:6px;min-width:240px;max-width:100%}
button,.button{display:inline-block;margin:8px 8px 0 0;padding:7px 14px;font-size:15px;font-weight:600;color:#fff;background:#0b63ce;border:0;border-radius:6px;cursor:pointer;text-decoration:none}
button.danger{background:#b42318}
button.quiet{color:#0b3f82;background:#e6eefb}
header button{margin:0;background:#3e4c59}
.inline{display:inline}
textarea{display:block;width:100%;font:inherit}
pre.content{white-space:pre-wrap;margin:0;font:inherit}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible{outline:3px solid #f5b700;outline-offset:2px}
.hint{margin:2px 0 0;font-size:13px;color:#52606d}
.flash{padding:10px 12px;border-radius:6px;margin:0 0 16px}
.flash.success{background:#e3f6ea;color:#14532d;border:1px solid #a7dcb8}
.flash.error{background:#fdecea;color:#8a1c12;border:1px solid #f5c6c0}
.gap{background:#fdecea;color:#8a1c12;font-weight:600}
.status{display:inline-block;padding:0 8px;border-radius:10px;background:#e4e7eb}
.status-Active,.status-Sent{background:#e3f6ea;color:#14532d}.status-Queued{background:#fff4d6;color:#6b4e00}.status-Failed{background:#fdecea;color:#8a1c12}.status-Verifying{background:#fff4d6;color:#6b4e00}.status-Deleting{background:#fdecea;color:#8a1c12}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0}dt{color:#52606d}dd{margin:0;word-break:break-all}
.lang a{margin-left:8px}
.pager{margin-top:8px}
details summary{cursor:pointer;font-weight:600}
`;

/** A whole console page: header with the sections, the language switch and sign-out; the flash; the body. */
export function consolePage(cx: ConsoleRequest, title: string, body: Html): string {
  const { t } = cx;
  const sections: Array<[string, string]> = [
    ['/console', t.overview],
    ['/console/directory', t.directory],
    ['/console/contacts', t.contacts],
    ['/console/coverage', t.coverage],
    ['/console/messages', t.messages],
    ...(cx.outboxOn ? ([['/console/outbox', t.outbox]] as Array<[string, string]>) : []),
  ];
  // An account's page belongs to Coverage, whose rows link to it.
  const path = cx.path.startsWith('/console/accounts/') ? '/console/coverage' : cx.path;
  const here = path === '/console' ? '/console' : sections.map(([href]) => href).filter((href) => href !== '/console' && path.startsWith(href))[0];
  const header = cx.key
    ? html`<nav aria-label="${t.nav}"><ul>${sections.map(([href, label]) => html`<li><a href="${href}"${href === here ? new Html(' aria-current="page"') : ''}>${label}</a></li>`)}</ul></nav>
<span>${t.signedInAs} ${cx.key.principal.type === 'Root' ? cx.key.principal.accountId : `${cx.key.principal.name}@${cx.key.principal.accountId}`}</span>
<form method="post" action="/console/sign-out">${csrfField(cx)}<button type="submit">${t.signOut}</button></form>`
    : '';
  const flash = cx.session?.flash;
  if (cx.session) delete cx.session.flash;
  return (
    '<!DOCTYPE html>\n' +
    html`<html lang="${t.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${title} · ${t.brand}</title>
<link rel="stylesheet" href="/console/assets/console.css">
</head>
<body>
<a class="skip" href="#main">${t.skip}</a>
<header>
<span class="brand">${t.brand}</span>
${header}
${languageSwitch(cx)}
</header>
<main id="main">
<h1>${title}</h1>
${flash ? html`<p class="flash ${flash.tone}" role="status">${flash.text}</p>` : ''}
${body}
</main>
</body>
</html>
`.value
  );
}

function languageSwitch(cx: ConsoleRequest): Html {
  const others = Object.entries(LANGUAGES).filter(([code]) => code !== cx.lang);
  return html`<span class="lang">${cx.t.language}:${others.map(
    ([code, s]) => html`<a href="/console/lang?to=${code}&amp;back=${encodeURIComponent(cx.url)}" lang="${s.lang}" hreflang="${s.lang}">${s.langName}</a>`,
  )}</span>`;
}

export function csrfField(cx: ConsoleRequest): Html {
  return cx.session ? html`<input type="hidden" name="_csrf" value="${cx.session.csrf}">` : html``;
}

/**
 * A form that runs one API action as the signed-in identity (POST /console/do/<Action>), or nothing when the
 * identity's policies never allow that action: a read-only user sees no mutating control.
 */
export function actionForm(cx: ConsoleRequest, action: string, fields: Html, button: string, opts: { next?: string; danger?: boolean; inline?: boolean } = {}): Html {
  if (!cx.may(action)) return html``;
  return html`<form method="post" action="/console/do/${action}" class="${opts.inline ? 'inline' : 'card'}">${csrfField(cx)}<input type="hidden" name="_back" value="${cx.url}">${
    opts.next ? html`<input type="hidden" name="_next" value="${opts.next}">` : ''
  }${fields}<button type="submit"${opts.danger ? new Html(' class="danger"') : ''}>${button}</button></form>`;
}

/** A labelled text input. */
export function field(id: string, name: string, label: string, opts: { type?: string; value?: string; hint?: string; required?: boolean; autocomplete?: string } = {}): Html {
  return html`<label for="${id}">${label}</label><input type="${opts.type ?? 'text'}" id="${id}" name="${name}" value="${opts.value ?? ''}"${opts.required ? new Html(' required') : ''}${
    opts.autocomplete ? html` autocomplete="${opts.autocomplete}"` : new Html(' autocomplete="off"')
  }${opts.hint ? html` aria-describedby="${id}-hint"` : ''}>${opts.hint ? html`<p class="hint" id="${id}-hint">${opts.hint}</p>` : ''}`;
}

/** Previous/next links of a paged list, keeping the other query parameters; `open`: the total is not known, only that more follows. */
export function pager(cx: ConsoleRequest, name: string, pageNumber: number, total: number, pageSize: number, opts: { open?: boolean } = {}): Html {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const link = (n: number, label: string) => {
    const q = new URLSearchParams(cx.query);
    q.set(name, String(n));
    return html`<a href="${cx.path}?${q.toString()}">${label}</a> `;
  };
  const where = opts.open ? cx.t.pageN(pageNumber) : cx.t.pageOf(pageNumber, pages);
  return html`<p class="pager">${pageNumber > 1 ? link(pageNumber - 1, cx.t.previous) : ''}${where} ${pageNumber < pages ? link(pageNumber + 1, cx.t.next) : ''}</p>`;
}

export function statusBadge(status: string): Html {
  return html`<span class="status status-${status}">${status}</span>`;
}

/** What a person reads for a failed action: the RAM decision spelled out, otherwise the API's code and message. */
export function describeError(err: ApiError, t: Strings): string {
  const detail = err.extra?.AccessDeniedDetail as Record<string, string> | undefined;
  if (err.code === 'NoPermission' && detail) {
    const diagnostic = JSON.parse(Buffer.from(detail.EncodedDiagnosticMessage ?? '', 'base64').toString('utf8') || '{}') as { AuthResource?: string };
    return t.denied(detail.AuthAction ?? '', diagnostic.AuthResource ?? '*', detail.NoPermissionType ?? '');
  }
  return `${err.code}: ${err.message}`;
}

/** A refused read, in place of what it would have shown. */
export function refusal(cx: ConsoleRequest, err: ApiError): Html {
  return html`<p class="flash error" role="alert">${describeError(err, cx.t)}</p>`;
}
