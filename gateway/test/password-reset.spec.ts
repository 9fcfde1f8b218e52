// Getting back into an account (issue 14): requestPasswordReset always answers true; a known email
// gets a one-time link by mail — through a real SMTP exchange with a server inside this test — whose
// token resets the password once, within the hour, ends every session and signs in. Without
// SMTP_URL the message is written to DATA_DIR/outbox as an .eml file and its link logged.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { simpleParser } from 'mailparser';
import { Secret, TOTP } from 'otpauth';
import { errorOf, ok, startTestGateway, TEST_PASSWORD } from './harness';
import type { GqlResponse, TestGateway, TestUser } from './harness';
import { connectLive, eventually } from './live';
import { resetLinkOf, startMailbox } from './mailbox';
import type { Mailbox } from './mailbox';

const REQUEST = `mutation($e: String!) { requestPasswordReset(email: $e) }`;
const RESET = `mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) { token user { id } } }`;
const SIGN_IN = `mutation($e: String!, $p: String!, $c: String) { signIn(email: $e, password: $p, code: $c) { token } }`;
const NEW_PASSWORD = 'a-new-and-long-password';

type ResetAnswer = { resetPassword: { token: string; user: { id: string } } };

let mailbox: Mailbox;
let t: TestGateway;
beforeAll(async () => {
  mailbox = await startMailbox();
  t = await startTestGateway({
    env: {
      SMTP_URL: mailbox.url,
      PUBLIC_URL: 'https://maratron.example/',
      MAIL_FROM: 'Maratron <hello@maratron.example>',
      PASSWORD_RESET_LIMIT_PER_EMAIL: '2',
    },
  });
});
afterAll(async () => {
  await t.close();
  await mailbox.close();
});

const request = (email: string) => t.gql<{ requestPasswordReset: boolean }>(REQUEST, { e: email });
const me = (token: string) => t.gql<{ me: { id: string } | null }>(`{ me { id } }`, {}, token);
const signIn = (user: TestUser, password: string, code?: string) =>
  t.gql<{ signIn: { token: string } }>(SIGN_IN, { e: user.email, p: password, c: code ?? null });

/** Asks for a reset of `user`'s password and follows the mail it gets: the link and its token. */
async function linkFor(user: TestUser) {
  expect(ok(await request(user.email)).requestPasswordReset).toBe(true);
  const { to, mail } = await mailbox.next();
  expect(to).toEqual([user.email]);
  return { ...resetLinkOf(mail), mail };
}

describe('a password reset over SMTP', () => {
  it('mails a link whose token resets the password once, ends every session and signs in', async () => {
    const ann = await t.signUp('Ann');
    const laptop = ok(await signIn(ann, TEST_PASSWORD)).signIn.token;
    const socket = connectLive(t.wsUrl, laptop);
    await socket.connected;

    const { link, token, mail } = await linkFor(ann);
    expect(mail.from?.value).toEqual([{ name: 'Maratron', address: 'hello@maratron.example' }]);
    expect(mail.subject).toBe('Reset your Maratron password');
    expect(link.startsWith('https://maratron.example/reset-password?token=')).toBe(true);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    // Stored hashed: the database holds the SHA-256 of the token, never the token.
    const stored = await t.sql<{ hash: string }>(
      `SELECT encode(token_hash, 'hex') AS hash FROM ${t.schema}.password_reset_tokens WHERE user_id = $1`,
      [ann.id],
    );
    expect(stored.map((r) => r.hash)).toEqual([createHash('sha256').update(token).digest('hex')]);
    // Valid for PASSWORD_RESET_TTL_SECONDS (an hour by default).
    const [{ ttl }] = await t.sql<{ ttl: number }>(
      `SELECT extract(epoch FROM expires_at - created_at)::int AS ttl FROM ${t.schema}.password_reset_tokens WHERE user_id = $1`,
      [ann.id],
    );
    expect(ttl).toBe(3600);

    const reset = ok(await t.gql<ResetAnswer>(RESET, { t: token, p: NEW_PASSWORD }));
    expect(reset.resetPassword.user.id).toBe(ann.id);
    expect(await socket.closed).toBe(4403);
    expect(errorOf(await me(ann.token)).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await me(laptop)).code).toBe('UNAUTHENTICATED');
    expect(ok(await me(reset.resetPassword.token)).me?.id).toBe(ann.id);
    const sessions = ok(await t.gql<{ sessions: { current: boolean }[] }>(`{ sessions { current } }`, {}, reset.resetPassword.token));
    expect(sessions.sessions).toEqual([{ current: true }]);

    expect(errorOf(await signIn(ann, TEST_PASSWORD))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
    expect(ok(await signIn(ann, NEW_PASSWORD)).signIn.token).toBeTruthy();

    // Once only.
    const again = await t.gql<ResetAnswer>(RESET, { t: token, p: 'yet-another-password' });
    expect(errorOf(again)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
    expect(ok(await signIn(ann, NEW_PASSWORD)).signIn.token).toBeTruthy();
  });

  it('refuses an expired link and changes nothing', async () => {
    const bob = await t.signUp('Bob');
    const { token } = await linkFor(bob);
    await t.sql(`UPDATE ${t.schema}.password_reset_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [bob.id]);
    expect(errorOf(await t.gql(RESET, { t: token, p: NEW_PASSWORD }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
    expect(ok(await me(bob.token)).me?.id).toBe(bob.id);
    expect(ok(await signIn(bob, TEST_PASSWORD)).signIn.token).toBeTruthy();
  });

  it('answers an unknown email exactly as a known one, and sends it nothing', async () => {
    const cat = await t.signUp('Cat');
    const unknown = await request('nobody-here@example.com');
    const known = await request(cat.email);
    expect(unknown).toEqual(known);
    expect(unknown).toEqual({ status: 200, data: { requestPasswordReset: true } });
    expect((await mailbox.next()).to).toEqual([cat.email]);
    expect(mailbox.received.flatMap((m) => m.to)).not.toContain('nobody-here@example.com');
  });

  it('past PASSWORD_RESET_LIMIT_PER_EMAIL still answers true and sends nothing more', async () => {
    const dan = await t.signUp('Dan');
    const eve = await t.signUp('Eve');
    for (let i = 0; i < 3; i++) expect(ok(await request(dan.email)).requestPasswordReset).toBe(true);
    expect((await mailbox.next()).to).toEqual([dan.email]);
    expect((await mailbox.next()).to).toEqual([dan.email]);
    // A later mail to someone else has come: the third request for Dan sent nothing.
    await linkFor(eve);
    expect(mailbox.received.filter((m) => m.to.includes(dan.email))).toHaveLength(2);
  });

  it('names the field of a bad token or new password', async () => {
    expect(errorOf(await t.gql(RESET, { t: 'made-up', p: NEW_PASSWORD }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
    expect(errorOf(await t.gql(RESET, { t: 'made-up', p: 'short' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
    expect(errorOf(await request('not an email'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
  });

  it('with two-step sign-in on, sets the password and ends the sessions but signs in only with a code', async () => {
    const fay = await t.signUp('Fay');
    const setup = ok(await t.gql<{ enableTwoFactor: { secret: string } }>(`mutation { enableTwoFactor { secret } }`, {}, fay.token));
    const totp = new TOTP({ secret: Secret.fromBase32(setup.enableTwoFactor.secret) });
    ok(await t.gql(`mutation($c: String!) { confirmTwoFactor(code: $c) }`, { c: totp.generate() }, fay.token));

    const { token } = await linkFor(fay);
    const res: GqlResponse = await t.gql(RESET, { t: token, p: NEW_PASSWORD });
    expect(errorOf(res).code).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0].extensions?.twoFactorRequired).toBe(true);
    expect(errorOf(await me(fay.token)).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await signIn(fay, NEW_PASSWORD)).code).toBe('UNAUTHENTICATED');
    const next = totp.generate({ timestamp: Date.now() + 30_000 });
    expect(ok(await signIn(fay, NEW_PASSWORD, next)).signIn.token).toBeTruthy();
  });
});

describe('without SMTP_URL', () => {
  it('writes each message to DATA_DIR/outbox as an .eml file and logs its link', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'maratron-outbox-'));
    const lines: { msg?: string; link?: string; file?: string }[] = [];
    const logStream = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(JSON.parse(line) as (typeof lines)[number]);
        done();
      },
    });
    const local = await startTestGateway({
      env: { SMTP_URL: '', DATA_DIR: dataDir, PORT: '4321', PASSWORD_RESET_LIMIT_PER_ADDRESS: '2' },
      logStream,
    });
    try {
      const gus = await local.signUp('Gus');
      ok(await local.gql(REQUEST, { e: gus.email }));
      const outbox = path.join(dataDir, 'outbox');
      await eventually(() => fs.existsSync(outbox) && fs.readdirSync(outbox).length === 1, 'a message in the outbox');
      const [name] = fs.readdirSync(outbox);
      expect(name).toMatch(/\.eml$/);
      const file = path.join(outbox, name);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const mail = await simpleParser(fs.readFileSync(file));
      expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : null).toBe(gus.email);
      const { link, token } = resetLinkOf(mail);
      // PUBLIC_URL unset: the links point at this machine's PORT.
      expect(link.startsWith('http://localhost:4321/reset-password?token=')).toBe(true);
      await eventually(() => lines.some((l) => l.msg === 'mail written to the outbox (no SMTP_URL)' && l.link === link), 'the link logged');
      const reset = ok(await local.gql<ResetAnswer>(RESET, { t: token, p: NEW_PASSWORD }));
      expect(reset.resetPassword.user.id).toBe(gus.id);

      // PASSWORD_RESET_LIMIT_PER_ADDRESS=2: a third request from this address is answered alike and writes nothing.
      const hal = await local.signUp('Hal');
      const ivy = await local.signUp('Ivy');
      ok(await local.gql(REQUEST, { e: hal.email }));
      await eventually(() => fs.readdirSync(outbox).length === 2, 'the second message in the outbox');
      expect(ok(await local.gql<{ requestPasswordReset: boolean }>(REQUEST, { e: ivy.email })).requestPasswordReset).toBe(true);
      await eventually(() => lines.some((l) => l.msg === 'password reset asked too often: nothing sent'), 'the refusal logged');
      expect(fs.readdirSync(outbox)).toHaveLength(2);
      expect(await local.sql(`SELECT 1 FROM ${local.schema}.password_reset_tokens WHERE user_id = $1`, [ivy.id])).toHaveLength(0);
    } finally {
      await local.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
