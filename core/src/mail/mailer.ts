import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { MailConfig } from '../config';
import type { Logger } from '../logger';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** The link the message is about (a password reset): logged when the message goes to the outbox. */
  link?: string;
}

/**
 * Outgoing mail through nodemailer (MIT-0, the de-facto SMTP client for Node: STARTTLS, SMTPS,
 * authentication and connection pooling from one URL). With SMTP_URL each message goes to that
 * server. Without it (the embedded default) there is no server to send through: nodemailer's
 * stream transport builds the same raw RFC 5322 message, which is written to DATA_DIR/outbox/ as
 * an .eml file (readable only by this user: it holds a secret link), and the link is logged, so
 * a self-hoster can still reset a password.
 */
export class Mailer {
  private readonly smtp: Transporter | null;
  private readonly stream: Transporter | null;

  constructor(
    private readonly config: MailConfig,
    private readonly logger: Logger,
  ) {
    this.smtp = config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : null;
    this.stream = config.smtpUrl ? null : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  /** Sends `message` (or writes it to the outbox); rejects when it could not. */
  async send(message: MailMessage): Promise<void> {
    const mail = { from: this.config.from, to: message.to, subject: message.subject, text: message.text };
    if (this.smtp) {
      await this.smtp.sendMail(mail);
      return;
    }
    const info = (await this.stream!.sendMail(mail)) as { message: Buffer };
    await fs.promises.mkdir(this.config.outboxDir, { recursive: true, mode: 0o700 });
    const file = path.join(this.config.outboxDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID()}.eml`);
    await fs.promises.writeFile(file, info.message, { mode: 0o600, flag: 'wx' });
    this.logger.info({ to: message.to, file, link: message.link }, 'mail written to the outbox (no SMTP_URL)');
  }

  close(): void {
    this.smtp?.close();
    this.stream?.close();
  }
}
