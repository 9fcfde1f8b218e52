// Two-step sign-in (issue 14): enableTwoFactor gives an otpauth:// URI and its secret; a code from
// it (RFC 6238, made here with the `otpauth` library as an authenticator app would) turns it on and
// brings ten recovery codes; from then on signIn needs a valid code — answering UNAUTHENTICATED with
// extensions.twoFactorRequired without one — a TOTP step works once, a recovery code works once,
// wrong codes count against the sign-in limits; disableTwoFactor needs the password and a code.
import { Secret, TOTP } from 'otpauth';
import { errorOf, ok, startTestGateway, TEST_PASSWORD } from './harness';
import type { GqlResponse, TestGateway, TestUser } from './harness';

const SIGN_IN = `mutation($e: String!, $p: String!, $c: String) { signIn(email: $e, password: $p, code: $c) { token user { id } } }`;
type SignIn = { signIn: { token: string; user: { id: string } } };

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway({ env: { SIGNIN_LIMIT_PER_ACCOUNT: '5' } });
});
afterAll(() => t.close());

const signIn = (user: TestUser, code?: string, password = user.password) =>
  t.gql<SignIn>(SIGN_IN, { e: user.email, p: password, c: code ?? null });
const enabled = async (token: string) =>
  ok(await t.gql<{ me: { twoFactorEnabled: boolean | null } }>(`{ me { twoFactorEnabled } }`, {}, token)).me.twoFactorEnabled;

/** A runner with two-step sign-in on: their authenticator (a TOTP over the secret they were given) and recovery codes. */
async function withTwoFactor(name: string) {
  const user = await t.signUp(name);
  const setup = ok(
    await t.gql<{ enableTwoFactor: { otpauthUri: string; secret: string } }>(
      `mutation { enableTwoFactor { otpauthUri secret } }`,
      {},
      user.token,
    ),
  ).enableTwoFactor;
  const app = new TOTP({ secret: Secret.fromBase32(setup.secret) });
  const confirmedWith = app.generate();
  const codes = ok(
    await t.gql<{ confirmTwoFactor: string[] }>(`mutation($c: String!) { confirmTwoFactor(code: $c) }`, { c: confirmedWith }, user.token),
  ).confirmTwoFactor;
  return { user, setup, app, codes, confirmedWith };
}

/** The code of the next 30-second step: valid now (one step of drift is allowed) and not used yet. */
const nextCode = (app: TOTP, steps = 1) => app.generate({ timestamp: Date.now() + steps * 30_000 });

const expectTwoFactorRequired = (res: GqlResponse<{ signIn: unknown }>) => {
  expect(errorOf(res).code).toBe('UNAUTHENTICATED');
  expect(res.errors?.[0].extensions?.twoFactorRequired).toBe(true);
  expect(res.data?.signIn ?? null).toBeNull();
};

describe('enableTwoFactor and confirmTwoFactor', () => {
  it('give an otpauth URI for the app; a code from it turns two-step sign-in on with ten recovery codes', async () => {
    const ann = await t.signUp('Ann');
    const setup = ok(
      await t.gql<{ enableTwoFactor: { otpauthUri: string; secret: string } }>(
        `mutation { enableTwoFactor { otpauthUri secret } }`,
        {},
        ann.token,
      ),
    ).enableTwoFactor;
    const uri = new URL(setup.otpauthUri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe(`/Maratron:${ann.email}`);
    expect(uri.searchParams.get('issuer')).toBe('Maratron');
    expect(uri.searchParams.get('secret')).toBe(setup.secret);
    expect(uri.searchParams.get('digits')).toBe('6');
    expect(uri.searchParams.get('period')).toBe('30');
    // The secret is stored encrypted, not as given.
    const [row] = await t.sql<{ secret: string }>(`SELECT secret FROM ${t.schema}.two_factor_credentials WHERE user_id = $1`, [ann.id]);
    expect(row.secret).not.toContain(setup.secret);

    // Pending until confirmed: signing in needs no code yet.
    expect(await enabled(ann.token)).toBe(false);
    expect(ok(await signIn(ann)).signIn.user.id).toBe(ann.id);

    const app = new TOTP({ secret: Secret.fromBase32(setup.secret) });
    const wrong = await t.gql(`mutation { confirmTwoFactor(code: "000000") }`, {}, ann.token);
    expect(errorOf(wrong)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    expect(await enabled(ann.token)).toBe(false);

    const codes = ok(
      await t.gql<{ confirmTwoFactor: string[] }>(`mutation($c: String!) { confirmTwoFactor(code: $c) }`, { c: app.generate() }, ann.token),
    ).confirmTwoFactor;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    const stored = await t.sql<{ hash: string }>(
      `SELECT encode(code_hash, 'hex') AS hash FROM ${t.schema}.two_factor_recovery_codes WHERE user_id = $1`,
      [ann.id],
    );
    expect(stored).toHaveLength(10);
    expect(stored.map((r) => r.hash)).not.toContain(codes[0]);
    expect(await enabled(ann.token)).toBe(true);

    // On: setting up again is refused until it is turned off.
    expect(errorOf(await t.gql(`mutation { enableTwoFactor { secret } }`, {}, ann.token)).code).toBe('FORBIDDEN');
  });
});

describe('signIn with two-step sign-in on', () => {
  it('needs a valid code: without one or with a wrong one it answers twoFactorRequired', async () => {
    const { user, app, confirmedWith } = await withTwoFactor('Bob');
    expectTwoFactorRequired(await signIn(user));
    expectTwoFactorRequired(await signIn(user, '123456'));
    // The code that confirmed it is spent: its step can't be used again.
    expectTwoFactorRequired(await signIn(user, confirmedWith));
    // A wrong password is still just a wrong password.
    expect(errorOf(await signIn(user, nextCode(app), 'not-the-password'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });

    const code = nextCode(app);
    const res = ok(await signIn(user, code));
    expect(res.signIn.user.id).toBe(user.id);
    expect(ok(await t.gql<{ me: { id: string } }>(`{ me { id } }`, {}, res.signIn.token)).me.id).toBe(user.id);
    // Replayed: the same code, seconds later, is refused.
    expectTwoFactorRequired(await signIn(user, code));
  });

  it('takes a recovery code once', async () => {
    const { user, codes } = await withTwoFactor('Cat');
    const spaced = codes[3].toUpperCase().replace(/-/g, ' ');
    expect(ok(await signIn(user, spaced)).signIn.user.id).toBe(user.id);
    expectTwoFactorRequired(await signIn(user, codes[3]));
    expect(ok(await signIn(user, codes[4])).signIn.user.id).toBe(user.id);
  });

  it('counts wrong codes against the sign-in limits, so six digits cannot be guessed', async () => {
    const { user, app } = await withTwoFactor('Dan');
    // Asking without a code costs nothing.
    for (let i = 0; i < 5; i++) expectTwoFactorRequired(await signIn(user));
    // SIGNIN_LIMIT_PER_ACCOUNT=5: five wrong guesses, then even the right code waits.
    for (const guess of ['111111', '222222', '333333', '444444', '555555']) expectTwoFactorRequired(await signIn(user, guess));
    expect(errorOf(await signIn(user, nextCode(app))).code).toBe('RATE_LIMITED');
  });
});

describe('disableTwoFactor', () => {
  it('needs the password and a code (TOTP or recovery); then signIn needs no code', async () => {
    const { user, app, codes } = await withTwoFactor('Eve');
    const disable = (password: string, code: string) =>
      t.gql<{ disableTwoFactor: boolean }>(
        `mutation($p: String!, $c: String!) { disableTwoFactor(password: $p, code: $c) }`,
        { p: password, c: code },
        user.token,
      );
    expect(errorOf(await disable('wrong-password', nextCode(app)))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
    expect(errorOf(await disable(TEST_PASSWORD, '999999'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    expect(await enabled(user.token)).toBe(true);

    expect(ok(await disable(TEST_PASSWORD, codes[0])).disableTwoFactor).toBe(true);
    expect(await enabled(user.token)).toBe(false);
    expect(ok(await signIn(user)).signIn.user.id).toBe(user.id);
    expect(await t.sql(`SELECT 1 FROM ${t.schema}.two_factor_recovery_codes WHERE user_id = $1`, [user.id])).toHaveLength(0);
    expect(errorOf(await disable(TEST_PASSWORD, codes[1])).code).toBe('FORBIDDEN');
  });

  it('takes a TOTP code too, and two-step sign-in can be set up again afterwards', async () => {
    const { user, app } = await withTwoFactor('Fay');
    const off = await t.gql<{ disableTwoFactor: boolean }>(
      `mutation($p: String!, $c: String!) { disableTwoFactor(password: $p, code: $c) }`,
      { p: TEST_PASSWORD, c: nextCode(app) },
      user.token,
    );
    expect(ok(off).disableTwoFactor).toBe(true);
    const again = ok(await t.gql<{ enableTwoFactor: { secret: string } }>(`mutation { enableTwoFactor { secret } }`, {}, user.token));
    expect(again.enableTwoFactor.secret).toMatch(/^[A-Z2-7]+$/);
  });
});
