// Sign-in limits under concurrency: every attempt is counted before its password is hashed, so a
// burst of simultaneous guesses gets no more checks than the limit allows — in Redis (shared by
// replicas) and in the process (no Redis).
import { randomBytes } from 'node:crypto';
import { errorOf, redisUrlOrSkip, startTestGateway } from './harness';
import type { GqlResponse, TestGateway } from './harness';

// Each password check hashes for ~50 ms: 50 of them, on a shared machine, take a few seconds.
jest.setTimeout(60_000);

const SIGN_IN = `mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { token } }`;

const redisUrl = redisUrlOrSkip('sign-in limits counted in Redis');
const modes: [string, boolean][] = [
  ['in the process (no Redis)', false],
  ...(redisUrl ? ([['in Redis', true]] as [string, boolean][]) : []),
];

describe.each(modes)('sign-in limits counted %s', (_mode, redis) => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ redis, env: { SIGNIN_LIMIT_PER_ACCOUNT: '5', SIGNIN_LIMIT_PER_ADDRESS: '50' } });
  });
  afterAll(() => t.close());

  /**
   * A sign-in from `address` (the gateway trusts X-Forwarded-For from loopback, as behind a proxy):
   * each test uses an address of its own, so counts kept in the shared Redis never meet another's.
   */
  const signIn = async (address: string, email: string, password: string): Promise<GqlResponse> => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ query: SIGN_IN, variables: { email, password } }),
    });
    return { status: res.status, ...((await res.json()) as object) };
  };
  const newAddress = () => `10.${randomBytes(3).join('.')}`;
  /** How many answers reached the password check (a wrong password) and how many were refused before it. */
  const tally = (results: GqlResponse[]) => ({
    checked: results.filter((r) => errorOf(r).code === 'BAD_USER_INPUT').length,
    limited: results.filter((r) => errorOf(r).code === 'RATE_LIMITED').length,
  });

  it('checks at most 5 of 30 simultaneous wrong passwords for one account', async () => {
    const runner = await t.signUp('Target');
    const address = newAddress();
    const results = await Promise.all(Array.from({ length: 30 }, () => signIn(address, runner.email, 'wrong-password!')));
    expect(tally(results)).toEqual({ checked: 5, limited: 25 });
    // The right password is refused too until the window passes.
    expect(errorOf(await signIn(address, runner.email, runner.password)).code).toBe('RATE_LIMITED');
    // Right passwords give their attempt back: 46 sign-ins on top of the address's 5 failures pass its
    // limit of 50 without reaching it (5 at a time: each holds an attempt of the account's 5 while its hash runs).
    const regular = await t.signUp('Regular');
    for (let done = 0; done < 46; done += 5) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(5, 46 - done) }, () => signIn(address, regular.email, regular.password)),
      );
      expect(batch.map((r) => errorOf(r).code)).toEqual(batch.map(() => undefined));
    }
  });

  it('checks at most 50 of 70 simultaneous wrong passwords from one address, across 70 accounts', async () => {
    const address = newAddress();
    const tag = randomBytes(4).toString('hex');
    const results = await Promise.all(
      Array.from({ length: 70 }, (_, i) => signIn(address, `guess-${tag}-${i}@example.com`, 'wrong-password!')),
    );
    expect(tally(results)).toEqual({ checked: 50, limited: 20 });
    // An account the refused attempts named was not charged for them: from another address it is checked.
    const refusedEmail = `guess-${tag}-${results.findIndex((r) => errorOf(r).code === 'RATE_LIMITED')}@example.com`;
    expect(errorOf(await signIn(newAddress(), refusedEmail, 'wrong-password!')).code).toBe('BAD_USER_INPUT');
  });
});
