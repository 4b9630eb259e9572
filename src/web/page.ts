import { escapeHtml } from '../delivery/templates.js';

/** A piece of HTML that is already safe; everything else put into a page is escaped. */
export class Html {
  constructor(readonly value: string) {}
}

/** A template literal that escapes every interpolated value unless it is Html (or a list of Html). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new Html(out);
}

function render(v: unknown): string {
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  if (v === undefined || v === null || v === false) return '';
  return escapeHtml(String(v));
}

export type Tone = 'neutral' | 'success' | 'error';

const STYLE = `
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;padding:24px;background:#f4f5f7;color:#1f2933;font:16px/1.5 -apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif}
main{width:100%;max-width:480px;background:#fff;border:1px solid #d9dde3;border-radius:10px;padding:32px;box-shadow:0 1px 3px rgba(15,23,42,.06)}
.brand{margin:0 0 20px;font-size:13px;letter-spacing:.04em;text-transform:uppercase;color:#52606d}
h1{margin:0 0 12px;font-size:22px;line-height:1.3}
.badge{display:inline-block;width:36px;height:36px;border-radius:50%;margin-bottom:12px;text-align:center;line-height:36px;font-weight:700;color:#fff;background:#7b8794}
.success .badge{background:#1f8a4c}.error .badge{background:#c0392b}
dl{margin:20px 0;padding:16px;background:#f8f9fb;border:1px solid #e4e7eb;border-radius:8px}
dt{font-size:13px;color:#52606d}dd{margin:0 0 10px;font-weight:600;word-break:break-all}dd:last-child{margin-bottom:0}
label{display:block;font-weight:600;margin:16px 0 6px}
input{width:100%;padding:10px 12px;font-size:22px;letter-spacing:.3em;border:1px solid #9aa5b1;border-radius:6px;font-variant-numeric:tabular-nums}
input:focus,button:focus{outline:3px solid #8ab4f8;outline-offset:2px}
.hint{margin:6px 0 0;font-size:14px;color:#52606d}
button{margin-top:20px;width:100%;padding:12px 16px;font-size:16px;font-weight:600;color:#fff;background:#0b63ce;border:0;border-radius:6px;cursor:pointer}
button:hover{background:#0a56b3}
.alert{margin:16px 0 0;padding:10px 12px;border-radius:6px;background:#fdecea;color:#8a1c12;border:1px solid #f5c6c0}
p{margin:0 0 12px}
`;

/** A whole page: one card with a heading, for people (no script, readable without CSS, labelled). */
export function page(title: string, tone: Tone, body: Html, neutralMark = 'i'): string {
  const mark = tone === 'success' ? '✓' : tone === 'error' ? '!' : neutralMark;
  return (
    '<!DOCTYPE html>\n' +
    html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${title} · rdcontacts</title>
<style>${new Html(STYLE)}</style>
</head>
<body>
<main class="${tone}">
<p class="brand">Resource Directory message contacts</p>
<div class="badge" aria-hidden="true">${mark}</div>
<h1>${title}</h1>
${body}
</main>
</body>
</html>
`.value
  );
}
