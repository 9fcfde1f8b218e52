import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import type { ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** How long a test waits for a mail that should come (a safety net, not an assertion about speed). */
const PATIENCE_MS = 15_000;

export interface Mailbox {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  /** Every message received, parsed, in order of arrival, with the envelope's recipients. */
  received: { to: string[]; mail: ParsedMail }[];
  /** The next message not taken yet (waits for it). */
  next(): Promise<{ to: string[]; mail: ParsedMail }>;
  close(): Promise<void>;
}

/**
 * A real SMTP server inside the test process (the `smtp-server` package, plain SMTP on loopback,
 * no authentication): the gateway's mail goes through a real SMTP exchange and comes out here,
 * parsed by `mailparser`.
 */
export async function startMailbox(): Promise<Mailbox> {
  const received: Mailbox['received'] = [];
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), mail });
          for (const wake of waiters.splice(0)) wake();
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  let taken = 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    async next() {
      const deadline = Date.now() + PATIENCE_MS;
      while (received.length <= taken) {
        if (Date.now() > deadline) throw new Error(`no mail within ${PATIENCE_MS} ms (got ${received.length})`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
      return received[taken++];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The reset link in a message's text, and its token. */
export function resetLinkOf(mail: ParsedMail): { link: string; token: string } {
  const link = /https?:\/\/\S+\/reset-password\?token=[\w-]+/.exec(mail.text ?? '')?.[0];
  if (!link) throw new Error(`no reset link in: ${mail.text}`);
  return { link, token: new URL(link).searchParams.get('token')! };
}
