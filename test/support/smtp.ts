/**
 * A real SMTP server on loopback (the smtp-server package) that requires a login, for the delivery tests
 * (without STARTTLS: over smtp:// the client must allow AUTH in clear, RDC_SMTP_ALLOW_INSECURE_AUTH=true),
 * and a small MIME reader for the multipart/alternative mail nodemailer writes.
 */
import { SMTPServer } from 'smtp-server';

export const SMTP_USER = 'rdc-mailer';
export const SMTP_PASS = 'mailer-secret-1';

export interface ReceivedMail {
  /** The login the client used. */
  user: string | undefined;
  /** The session ran over TLS. */
  tls: boolean;
  from: string;
  to: string[];
  headers: Map<string, string>;
  subject: string;
  text: string;
  html: string;
}

export interface TestSmtp {
  port: number;
  /** Every login attempt (AUTH), with whether the session was encrypted: a password sent in clear shows here. */
  logins: Array<{ user: string | undefined; tls: boolean }>;
  /** smtp://user:pass@127.0.0.1:port (smtps://… when secure) */
  url: string;
  mails: ReceivedMail[];
  /** Resolves with the mails once `count` have arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/**
 * Starts the SMTP server on `port` (0: a free one). `secure`: implicit TLS (smtps://) with smtp-server's
 * built-in self-signed certificate, which the client is told to accept. `delayMs`: accept each mail only after that long.
 */
export async function startSmtp(port = 0, secure = false, options: { delayMs?: number } = {}): Promise<TestSmtp> {
  const mails: ReceivedMail[] = [];
  const logins: TestSmtp['logins'] = [];
  const waiters: Array<() => void> = [];
  const server = new SMTPServer({
    secure,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: false,
    logger: false,
    onAuth(auth, session, callback) {
      logins.push({ user: auth.username, tls: session.secure });
      if (auth.username === SMTP_USER && auth.password === SMTP_PASS) return callback(null, { user: auth.username });
      return callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        // A slow server: each mail is accepted only after `delayMs` (to catch a fan-out in the middle).
        if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
        const mail = parseMail(Buffer.concat(chunks).toString('utf8'));
        mails.push({
          user: session.user as string | undefined,
          tls: session.secure,
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          ...mail,
        });
        waiters.splice(0).forEach((w) => w());
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  // A client that dies mid-session (a killed server under test) resets its connection: not this server's failure.
  server.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'ECONNRESET') throw err;
  });
  const actual = (server.server.address() as { port: number }).port;
  return {
    port: actual,
    url: secure ? `smtps://${SMTP_USER}:${SMTP_PASS}@127.0.0.1:${actual}?tls.rejectUnauthorized=false` : `smtp://${SMTP_USER}:${SMTP_PASS}@127.0.0.1:${actual}`,
    logins,
    mails,
    async waitFor(count, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (mails.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} mails, got ${mails.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200).unref();
        });
      }
      return mails;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Headers, subject and the text and HTML parts of a (multipart/alternative) mail. */
export function parseMail(raw: string): Pick<ReceivedMail, 'headers' | 'subject' | 'text' | 'html'> {
  const { headers, body } = splitPart(raw);
  const parts: Array<{ headers: Map<string, string>; body: string }> = [];
  const boundary = /boundary="?([^";]+)"?/i.exec(headers.get('content-type') ?? '')?.[1];
  if (boundary) {
    for (const chunk of body.split('--' + boundary).slice(1)) {
      if (chunk.startsWith('--')) break;
      parts.push(splitPart(chunk.replace(/^\r?\n/, '')));
    }
  } else {
    parts.push({ headers, body });
  }
  const partOf = (type: string) => {
    const part = parts.find((p) => (p.headers.get('content-type') ?? 'text/plain').startsWith(type));
    return part ? decodeBody(part.body, part.headers.get('content-transfer-encoding') ?? '7bit') : '';
  };
  return { headers, subject: headers.get('subject') ?? '', text: partOf('text/plain'), html: partOf('text/html') };
}

function splitPart(raw: string): { headers: Map<string, string>; body: string } {
  const end = raw.search(/\r?\n\r?\n/);
  const head = end < 0 ? raw : raw.slice(0, end);
  const body = end < 0 ? '' : raw.slice(end).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeBody(body: string, encoding: string): string {
  switch (encoding.toLowerCase()) {
    case 'quoted-printable':
      return Buffer.from(
        body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
        'latin1',
      ).toString('utf8').replace(/\r\n/g, '\n');
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8').replace(/\r\n/g, '\n');
    default:
      return body.replace(/\r\n/g, '\n').replace(/\n$/, '');
  }
}
