import { errorOf, ok, startTestGateway, TEST_PASSWORD } from './harness';
import type { TestGateway } from './harness';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway({ env: { SIGNIN_LIMIT_PER_ACCOUNT: '3' } });
});
afterAll(() => t.close());

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { token user { id username name email units } } }`;
type SignedUp = { signUp: { token: string; user: { id: string; username: string; name: string; email: string | null; units: string } } };
type SignedIn = { signIn: { token: string; user: { id: string } } };
const SIGN_IN = `mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { token user { id } } }`;

describe('accounts', () => {
  it('signs up, signs in with the password, and refuses a wrong one', async () => {
    const up = ok(
      await t.gql<SignedUp>(SIGN_UP, { input: { email: 'Kip@Example.com', password: 'a-long-password', name: 'Kip', username: 'Kip_1' } }),
    );
    expect(up.signUp.user).toMatchObject({ username: 'kip_1', name: 'Kip', email: 'kip@example.com', units: 'METRIC' });
    const me = ok(await t.gql<{ me: { id: string; username: string } }>(`{ me { id username } }`, {}, up.signUp.token));
    expect(me.me.id).toBe(up.signUp.user.id);

    const signedIn = ok(await t.gql<SignedIn>(SIGN_IN, { email: 'kip@example.com', password: 'a-long-password' }));
    expect(signedIn.signIn.user.id).toBe(up.signUp.user.id);
    ok(await t.gql(`{ me { id } }`, {}, signedIn.signIn.token));

    const wrong = await t.gql(SIGN_IN, { email: 'kip@example.com', password: 'not-the-password' });
    expect(errorOf(wrong).code).toBe('BAD_USER_INPUT');
    expect(wrong.data).toBeNull();
    const unknown = await t.gql(SIGN_IN, { email: 'nobody@example.com', password: 'not-the-password' });
    expect(errorOf(unknown).message).toBe(errorOf(wrong).message);
  });

  it('refuses duplicate emails and usernames and bad sign-up input, storing nothing', async () => {
    const u = await t.signUp('Dup');
    const cases: [Record<string, string>, string][] = [
      [{ email: u.email.toUpperCase(), username: 'fresh_name' }, 'email'],
      [{ email: 'fresh@example.com', username: u.username }, 'username'],
      [{ email: 'not-an-email', username: 'fresh_name' }, 'email'],
      [{ email: 'fresh@example.com', username: 'x' }, 'username'],
      [{ email: 'fresh@example.com', username: 'fresh_name', password: 'short' }, 'password'],
      [{ email: 'fresh@example.com', username: 'fresh_name', name: '   ' }, 'name'],
    ];
    const before = await t.sql(`SELECT count(*)::int AS n FROM users`);
    for (const [override, field] of cases) {
      const input = { email: 'fresh@example.com', password: 'a-long-password', name: 'Fresh', username: 'fresh_name', ...override };
      const res = await t.gql(SIGN_UP, { input });
      expect(errorOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await t.sql(`SELECT count(*)::int AS n FROM users`)).toEqual(before);
  });

  it('stores a password hash, never the password', async () => {
    const u = await t.signUp('Hash');
    const [row] = await t.sql(`SELECT password_hash FROM users WHERE id = $1`, [u.id]);
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain(TEST_PASSWORD);
  });

  it('answers UNAUTHENTICATED for a forged or expired token and for signed-out reads', async () => {
    const forged = await t.gql(`{ me { id } }`, {}, 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad');
    expect(forged.status).toBe(401);
    expect(errorOf(forged).code).toBe('UNAUTHENTICATED');
    expect(ok(await t.gql<{ me: { id: string } | null }>(`{ me { id } }`)).me).toBeNull();
    expect(errorOf(await t.gql(`{ searchUsers(query: "a") { id } }`)).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await t.gql(`{ runs { totalCount } }`)).code).toBe('UNAUTHENTICATED');
  });

  it('slows repeated failed sign-ins for one account with RATE_LIMITED', async () => {
    const u = await t.signUp('Target');
    for (let i = 0; i < 3; i++)
      expect(errorOf(await t.gql(SIGN_IN, { email: u.email, password: 'wrong-password!' })).code).toBe('BAD_USER_INPUT');
    const limited = await t.gql(SIGN_IN, { email: u.email, password: u.password });
    expect(errorOf(limited).code).toBe('RATE_LIMITED');
    expect(limited.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('keeps email and training profile private to the runner', async () => {
    const a = await t.signUp('Private');
    const b = await t.signUp('Other');
    ok(
      await t.gql(
        `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }`,
        {
          input: {
            bio: 'Hello',
            units: 'IMPERIAL',
            trainingProfile: {
              level: 'INTERMEDIATE',
              goals: ['Sub-20 5K'],
              weeklyDistanceGoal: 40000,
              preferredDays: ['TUE', 'SAT'],
              yearsRunning: 4,
              injuryNotes: 'Left achilles',
            },
          },
        },
        a.token,
      ),
    );
    type Profile = {
      user: {
        bio: string | null;
        units: string;
        email: string | null;
        trainingProfile: {
          level: string | null;
          goals: string[];
          weeklyDistanceGoal: number | null;
          preferredDays: string[];
          yearsRunning: number | null;
          injuryNotes: string | null;
        } | null;
      };
    };
    const q = `query($id: ID!) { user(id: $id) { bio units email trainingProfile { level goals weeklyDistanceGoal preferredDays yearsRunning injuryNotes } } }`;
    const own = ok(await t.gql<Profile>(q, { id: a.id }, a.token)).user;
    expect(own).toEqual({
      bio: 'Hello',
      units: 'IMPERIAL',
      email: a.email,
      trainingProfile: {
        level: 'INTERMEDIATE',
        goals: ['Sub-20 5K'],
        weeklyDistanceGoal: 40000,
        preferredDays: ['TUE', 'SAT'],
        yearsRunning: 4,
        injuryNotes: 'Left achilles',
      },
    });
    const seen = ok(await t.gql<Profile>(q, { id: a.id }, b.token)).user;
    expect(seen).toEqual({ bio: 'Hello', units: 'IMPERIAL', email: null, trainingProfile: null });
  });

  it('updates the profile with validation, naming the field', async () => {
    const a = await t.signUp('Edit');
    const m = `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { name username bio } }`;
    expect(
      ok(
        await t.gql<{ updateProfile: { name: string; username: string; bio: string | null } }>(
          m,
          { input: { name: 'New Name', username: 'renamed_' + a.username.slice(-4) } },
          a.token,
        ),
      ).updateProfile.name,
    ).toBe('New Name');
    expect(errorOf(await t.gql(m, { input: { bio: 'x'.repeat(501) } }, a.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'bio' });
    expect(errorOf(await t.gql(m, { input: { trainingProfile: { yearsRunning: -1 } } }, a.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'trainingProfile.yearsRunning',
    });
    expect(errorOf(await t.gql(m, { input: { units: 'FURLONGS' } }, a.token))).toMatchObject({ code: 'BAD_USER_INPUT' });
    const b = await t.signUp('Taken');
    expect(errorOf(await t.gql(m, { input: { username: b.username } }, a.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'username',
    });
  });

  it('finds runners by username or name, and by id or username', async () => {
    const a = await t.signUp('Zola Budd');
    const found = ok(await t.gql<{ searchUsers: { id: string }[] }>(`{ searchUsers(query: "zola") { id } }`, {}, a.token)).searchUsers;
    expect(found.map((u) => u.id)).toContain(a.id);
    const byWord = ok(await t.gql<{ searchUsers: { id: string }[] }>(`{ searchUsers(query: "udd") { id } }`, {}, a.token)).searchUsers;
    expect(byWord.map((u) => u.id)).toContain(a.id);
    const byName = ok(
      await t.gql<{ user: { id: string } }>(`query($u: String) { user(username: $u) { id } }`, { u: a.username }, a.token),
    ).user;
    expect(byName.id).toBe(a.id);
    expect(
      ok(
        await t.gql<{ user: { id: string } | null }>(
          `query($id: ID) { user(id: $id) { id } }`,
          { id: '00000000-0000-4000-8000-000000000000' },
          a.token,
        ),
      ).user,
    ).toBeNull();
    expect(errorOf(await t.gql(`{ user(id: "nope") { id } }`, {}, a.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});
