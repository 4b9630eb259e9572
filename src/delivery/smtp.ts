import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { OutgoingMessage, Transport } from './delivery.js';

/**
 * Email over SMTP (nodemailer): a plain-text and an HTML part. `url` is smtp:// or smtps:// with credentials.
 * Credentials travel only encrypted: over smtp:// the connection must be upgraded with STARTTLS before AUTH
 * (a server that does not offer it fails the delivery, which is retried), unless `allowInsecureAuth`.
 */
export class SmtpTransport implements Transport {
  readonly name = 'smtp';
  /** Made at the first delivery: nodemailer is loaded only by a server that sends email (idle memory). */
  private transporter: Promise<Transporter> | undefined;
  private closed = false;
  private readonly requireTLS: boolean;

  constructor(
    private readonly url: string,
    private readonly from: string,
    allowInsecureAuth = false,
  ) {
    // Read now, so a malformed URL still stops the start.
    this.requireTLS = new URL(url).username !== '' && !allowInsecureAuth;
  }

  async deliver(m: OutgoingMessage): Promise<void> {
    this.transporter ??= this.createTransporter();
    await (await this.transporter).sendMail({ from: this.from, to: m.to, subject: m.subject, text: m.text, ...(m.html ? { html: m.html } : {}), headers: { 'X-Rdc-Message-Id': m.id } });
  }

  private async createTransporter(): Promise<Transporter> {
    const [{ default: nodemailer }, { default: SMTPTransport }] = await Promise.all([import('nodemailer'), import('nodemailer/lib/smtp-transport/index.js')]);
    // The SMTP transport itself: createTransport({ url, … }) would read the URL alone and drop the options.
    const transport = new SMTPTransport({
      url: this.url,
      requireTLS: this.requireTLS,
      // Gives up on an unresponsive server well within the delivery job's lease; the job retries later.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    } as SMTPTransport.Options);
    const transporter = nodemailer.createTransport(transport);
    // Closed while nodemailer was loading: the transporter must not keep connections of its own.
    if (this.closed) transporter.close();
    return transporter;
  }

  close(): void {
    this.closed = true;
    void this.transporter?.then((t) => t.close(), () => undefined);
  }
}
