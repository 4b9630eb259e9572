import nodemailer, { type Transporter } from 'nodemailer';
import type { OutgoingMessage, Transport } from './delivery.js';

/** Email over SMTP (nodemailer): a plain-text and an HTML part. `url` is smtp:// or smtps:// with credentials. */
export class SmtpTransport implements Transport {
  readonly name = 'smtp';
  private readonly transporter: Transporter;

  constructor(url: string, private readonly from: string) {
    // Gives up on an unresponsive server well within the delivery job's lease; the job retries later.
    this.transporter = nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  }

  async deliver(m: OutgoingMessage): Promise<void> {
    await this.transporter.sendMail({ from: this.from, to: m.to, subject: m.subject, text: m.text, ...(m.html ? { html: m.html } : {}), headers: { 'X-Rdc-Message-Id': m.id } });
  }

  close(): void {
    this.transporter.close();
  }
}
