import { html } from '../page.js';
import type { ConsoleRequest, PageResult } from './context.js';
import { field } from './layout.js';

/** Sign-in with an AccessKey pair; the secret goes to the server once and is not kept in the browser. */
export function signInPage(cx: ConsoleRequest, alert?: string): PageResult {
  const { t } = cx;
  return {
    title: t.signIn,
    body: html`<section>
${alert ? html`<p class="flash error" role="alert">${alert}</p>` : ''}
<form method="post" action="/console/sign-in">
${field('ak-id', 'AccessKeyId', t.accessKeyId, { required: true, autocomplete: 'username' })}
${field('ak-secret', 'AccessKeySecret', t.accessKeySecret, { type: 'password', required: true, autocomplete: 'off', hint: t.signInHint })}
<button type="submit">${t.signIn}</button>
</form>
</section>`,
  };
}
