import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ConfirmResult, TokenInspection, VerificationService } from '../domain/verification.js';
import { html, page, type Html, type Tone } from './page.js';

/**
 * The pages a person reaches from a verification message, at `/verify/<token>`. A GET only shows what is
 * being verified and one form; only its POST (a button press, with the 6-digit code for SMS) verifies, so a
 * mail scanner that follows links verifies nothing. No script; every field has a label.
 */
export function registerVerificationPages(fastify: FastifyInstance, verification: VerificationService): void {
  fastify.get('/verify/*', async (req, reply) => {
    const inspection = await verification.inspect(tokenParam(req));
    if (inspection.state !== 'valid') return sendPage(reply, stalePage(inspection.state));
    return sendPage(reply, { status: 200, ...formPage(inspection) });
  });

  fastify.post('/verify/*', async (req, reply) => {
    const token = tokenParam(req);
    const form = new URLSearchParams(Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '');
    const code = form.get('code')?.replace(/\s+/g, '') ?? undefined;
    const result = await verification.confirm(token, code);
    if (result.outcome === 'wrong-code' || result.outcome === 'code-required') {
      const inspection = await verification.inspect(token);
      if (inspection.state !== 'valid') return sendPage(reply, stalePage(inspection.state));
      const alert =
        result.outcome === 'wrong-code'
          ? `That code is not right. ${result.attemptsLeft} attempt${result.attemptsLeft === 1 ? '' : 's'} left.`
          : 'Enter the 6-digit code from the SMS.';
      return sendPage(reply, { status: result.outcome === 'wrong-code' ? 422 : 400, ...formPage(inspection, alert) });
    }
    return sendPage(reply, resultPage(result));
  });
}

interface Page {
  status: number;
  title: string;
  tone: Tone;
  body: Html;
  /** The badge of a neutral page. */
  mark?: string;
}

function tokenParam(req: FastifyRequest): string {
  return (req.params as { '*'?: string })['*'] ?? '';
}

function formPage(t: TokenInspection, alert?: string): Omit<Page, 'status'> {
  const facts = html`<dl>
<dt>Message contact</dt><dd>${t.contactName}</dd>
<dt>${t.channel === 'email' ? 'Email address' : 'Mobile phone number'}</dt><dd>${t.target}</dd>
</dl>`;
  if (t.channel === 'email') {
    return {
      title: 'Confirm your email address',
      tone: 'neutral',
      mark: '@',
      body: html`<p>Press the button to confirm that this email address belongs to message contact ${t.contactName}. It will then receive the messages of the resource directory.</p>
${facts}
<form method="post">
<button type="submit">Confirm email address</button>
</form>`,
    };
  }
  const describedBy = alert ? 'code-hint code-alert' : 'code-hint';
  return {
    title: 'Verify your phone number',
    tone: alert ? 'error' : 'neutral',
    mark: '#',
    body: html`<p>Enter the code from the SMS to confirm that this phone number belongs to message contact ${t.contactName}.</p>
${facts}
<form method="post">
<label for="code">Verification code</label>
<input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required aria-describedby="${describedBy}"${alert ? html` aria-invalid="true"` : ''}>
<p id="code-hint" class="hint">The 6 digits in the SMS sent to ${t.target}.</p>
${alert ? html`<p id="code-alert" class="alert" role="alert">${alert}</p>` : ''}
<button type="submit">Verify phone number</button>
</form>`,
  };
}

function resultPage(r: Exclude<ConfirmResult, { outcome: 'wrong-code' | 'code-required' }>): Page {
  if (r.outcome !== 'verified') return stalePage(r.outcome);
  const what = r.channel === 'email' ? 'email address' : 'phone number';
  return {
    status: 200,
    title: r.channel === 'email' ? 'Email address verified' : 'Phone number verified',
    tone: 'success',
    body: html`<p>${r.target} is now the verified ${what} of message contact ${r.contactName}.</p><p>You can close this page.</p>`,
  };
}

function stalePage(state: 'expired' | 'used' | 'unknown' | 'deleting'): Page {
  switch (state) {
    case 'deleting':
      return {
        status: 409,
        title: 'This contact is being deleted',
        tone: 'error',
        body: html`<p>The administrator of the resource directory is deleting this message contact, so it cannot be verified. Nothing was verified.</p>`,
      };
    case 'expired':
      return {
        status: 410,
        title: 'This link has expired',
        tone: 'error',
        body: html`<p>The link is too old, a newer message replaced it, or a wrong code was entered too many times. Nothing was verified.</p><p>Ask the administrator of the resource directory to send a new verification message.</p>`,
      };
    case 'used':
      return {
        status: 410,
        title: 'This link was already used',
        tone: 'neutral',
        body: html`<p>The verification was completed with this link before; there is nothing more to do. A link works only once.</p>`,
      };
    case 'unknown':
      return {
        status: 404,
        title: 'Unknown verification link',
        tone: 'error',
        body: html`<p>This link is not one we sent. Check that the whole link was copied from the message, or ask for a new one.</p>`,
      };
  }
}

function sendPage(reply: FastifyReply, p: Page): FastifyReply {
  return reply
    .code(p.status)
    .headers({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      // The token is in the URL: never hand it to another site.
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    })
    .send(page(p.title, p.tone, p.body, p.mark));
}
