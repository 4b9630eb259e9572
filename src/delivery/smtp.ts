import nodemailer, { type Transporter } from 'nodemailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { OutgoingMessage, Transport } from './delivery.js';

/**
 * Email over SMTP (nodemailer): a plain-text and an HTML part. `url` is smtp:// or smtps:// with credentials.
 * Credentials travel only encrypted: over smtp:// the connection must be upgraded with STARTTLS before AUTH
 * (a server that does not offer it fails the delivery, which is retried), unless `allowInsecureAuth`.
 */
export class SmtpTransport implements Transport {
  readonly name = 'smtp';
  private readonly transporter: Transporter;

  constructor(url: string, private readonly from: string, allowInsecureAuth = false) {
    const hasCredentials = new URL(url).username !== '';
    // The SMTP transport itself: createTransport({ url, … }) would read the URL alone and drop the options.
    const transport = new SMTPTransport({
      url,
      requireTLS: hasCredentials && !allowInsecureAuth,
      // Gives up on an unresponsive server well within the delivery job's lease; the job retries later.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    } as SMTPTransport.Options);
    this.transporter = nodemailer.createTransport(transport);
  }

  async deliver(m: OutgoingMessage): Promise<void> {
    await this.transporter.sendMail({ from: this.from, to: m.to, subject: m.subject, text: m.text, ...(m.html ? { html: m.html } : {}), headers: { 'X-Rdc-Message-Id': m.id } });
  }

  close(): void {
    this.transporter.close();
  }
}
