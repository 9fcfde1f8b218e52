// Sessions you can end (issue 14): every token belongs to a session with a device label; `sessions`
// lists them with `current`; signOut and revokeSession end one, and its token is refused at once on
// every path — GraphQL over HTTP, the /api routes, a new graphql-ws connection — while its open
// sockets close; a password change ends every other session. The check rides in the request's
// opening round trip, which also refreshes `lastUsedAt`.
import { TokenService } from '@maratron/core';
import { APP_ROLE, VIEWER_SETTING } from '@maratron/migrations';
import { errorOf, ok, redisUrlOrSkip, startTestGateway, TEST_JWT_SECRET, TEST_PASSWORD } from './harness';
import type { GqlResponse, TestGateway, TestUser } from './harness';
import { connectLive, eventually } from './live';

const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

interface SessionRow {
  id: string;
  device: string;
  current: boolean;
  createdAt: string;
  lastUsedAt: string | null;
}
type AuthPayload = { token: string; user: { id: string } };

const SESSIONS = `{ sessions { id device current createdAt lastUsedAt } }`;

let t: TestGateway;
beforeAll(async () => {
  // Redis carries session.ended between processes; this file runs one gateway either way.
  t = await startTestGateway({ redis: Boolean(redisUrlOrSkip('session events over Redis')) });
});
afterAll(() => t.close());

/** signIn from a client with this User-Agent (no header at all when `userAgent` is null). */
async function signIn(user: TestUser, userAgent: string | null, password = user.password): Promise<string> {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(userAgent === null ? {} : { 'user-agent': userAgent }) },
    body: JSON.stringify({
      query: `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token user { id } } }`,
      variables: { e: user.email, p: password },
    }),
  });
  const body = (await res.json()) as Omit<GqlResponse<{ signIn: AuthPayload }>, 'status'>;
  if (!body.data?.signIn) throw new Error(`signIn failed: ${JSON.stringify(body.errors)}`);
  return body.data.signIn.token;
}

const me = async (token: string) => t.gql<{ me: { id: string } | null }>(`{ me { id } }`, {}, token);
const sessionsOf = async (token: string) => ok(await t.gql<{ sessions: SessionRow[] }>(SESSIONS, {}, token)).sessions;
/** GET `path`'s status (the body read to its end). */
const getStatus = async (path: string, token: string) => {
  const res = await fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  await res.arrayBuffer();
  return res.status;
};
const GPX = `<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>
  <trkpt lat="52.5" lon="13.35"><time>2025-06-01T06:00:00Z</time></trkpt><trkpt lat="52.509" lon="13.35"><time>2025-06-01T06:05:00Z</time></trkpt>
  </trkseg></trk></gpx>`;
const uploadStatus = async (token: string) =>
  (
    await fetch(`${t.url}/api/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/zip' },
      body: Buffer.from('not a zip'),
    })
  ).status;

describe('sessions', () => {
  it("lists the viewer's sessions newest first, with a device label from the User-Agent and the current one marked", async () => {
    const ann = await t.signUp('Ann');
    const laptop = await signIn(ann, FIREFOX_LINUX);
    const phone = await signIn(ann, SAFARI_IPHONE);
    const curl = await signIn(ann, null);

    const seen = await sessionsOf(phone);
    expect(seen.map((s) => s.device)).toEqual(['Unknown device', 'Mobile Safari on iOS', 'Firefox on Linux', 'Unknown device']);
    expect(seen.filter((s) => s.current).map((s) => s.device)).toEqual(['Mobile Safari on iOS']);
    for (const s of seen) expect(new Date(s.lastUsedAt!).getTime()).toBeGreaterThanOrEqual(new Date(s.createdAt).getTime() - 1000);
    expect((await sessionsOf(laptop)).find((s) => s.current)?.device).toBe('Firefox on Linux');
    expect((await sessionsOf(curl)).find((s) => s.current)?.id).toBe(seen[0].id);

    // Someone else sees only theirs, and nobody sees twoFactorEnabled but the runner.
    const bob = await t.signUp('Bob');
    expect(await sessionsOf(bob.token)).toHaveLength(1);
    const mine = ok(await t.gql<{ me: { twoFactorEnabled: boolean | null } }>(`{ me { twoFactorEnabled } }`, {}, phone));
    expect(mine.me.twoFactorEnabled).toBe(false);
    const theirs = await t.gql<{ user: { twoFactorEnabled: boolean | null } }>(
      `query($id: ID!) { user(id: $id) { twoFactorEnabled } }`,
      { id: ann.id },
      bob.token,
    );
    expect(ok(theirs).user.twoFactorEnabled).toBeNull();
  });

  it('refreshes lastUsedAt in the opening round trip: no statement more than a request that does not', async () => {
    const cat = await t.signUp('Cat');
    const [session] = await sessionsOf(cat.token);
    const count = async () => {
      const before = t.statements.count;
      ok(await me(cat.token));
      return t.statements.count - before;
    };
    const fresh = await count();
    await t.sql(`UPDATE ${t.schema}.sessions SET last_used_at = now() - interval '2 minutes' WHERE id = $1`, [session.id]);
    const [{ before }] = await t.sql<{ before: Date }>(`SELECT last_used_at AS before FROM ${t.schema}.sessions WHERE id = $1`, [
      session.id,
    ]);
    expect(await count()).toBe(fresh);
    const [{ after }] = await t.sql<{ after: Date }>(`SELECT last_used_at AS after FROM ${t.schema}.sessions WHERE id = $1`, [session.id]);
    expect(after.getTime() - before.getTime()).toBeGreaterThan(60_000);
    // Within the minute it is left alone.
    ok(await me(cat.token));
    const [{ again }] = await t.sql<{ again: Date }>(`SELECT last_used_at AS again FROM ${t.schema}.sessions WHERE id = $1`, [session.id]);
    expect(again.getTime()).toBe(after.getTime());
  });
});

describe('revokeSession', () => {
  it("refuses the session's token at once on GraphQL, /api and a new WebSocket, and closes its open socket; other sessions go on", async () => {
    const dan = await t.signUp('Dan');
    const stolen = await signIn(dan, SAFARI_IPHONE);
    expect(ok(await me(stolen)).me?.id).toBe(dan.id);
    const imported = await t.gql<{ importActivity: { id: string } }>(
      `mutation($c: String!) { importActivity(format: GPX, content: $c) { id } }`,
      { c: GPX },
      stolen,
    );
    const gpx = `/api/runs/${ok(imported).importActivity.id}.gpx`;
    expect(await getStatus(gpx, stolen)).toBe(200);
    const socket = connectLive(t.wsUrl, stolen);
    await socket.connected;
    socket.subscribe(`subscription { notificationAdded { id } }`);

    const phone = (await sessionsOf(dan.token)).find((s) => s.device === 'Mobile Safari on iOS')!;
    const revoked = await t.gql<{ revokeSession: string }>(`mutation($id: ID!) { revokeSession(id: $id) }`, { id: phone.id }, dan.token);
    expect(ok(revoked).revokeSession).toBe(phone.id);

    expect(await socket.closed).toBe(4403);
    const refused = await me(stolen);
    expect(errorOf(refused)).toMatchObject({ code: 'UNAUTHENTICATED', message: 'This session has ended; sign in again' });
    expect(refused.data?.me ?? null).toBeNull();
    expect(await getStatus(gpx, stolen)).toBe(401);
    expect(await getStatus('/api/export', stolen)).toBe(401);
    expect(await uploadStatus(stolen)).toBe(401);
    expect(await connectLive(t.wsUrl, stolen).closed).toBe(4403);

    expect(ok(await me(dan.token)).me?.id).toBe(dan.id);
    expect((await sessionsOf(dan.token)).map((s) => s.id)).not.toContain(phone.id);
  });

  it("answers NOT_FOUND for someone else's session (and ends nothing), and BAD_USER_INPUT for a malformed id", async () => {
    const eve = await t.signUp('Eve');
    const fay = await t.signUp('Fay');
    const [theirs] = await sessionsOf(fay.token);
    const res = await t.gql(`mutation($id: ID!) { revokeSession(id: $id) }`, { id: theirs.id }, eve.token);
    expect(errorOf(res).code).toBe('NOT_FOUND');
    expect(ok(await me(fay.token)).me?.id).toBe(fay.id);
    expect(errorOf(await t.gql(`mutation { revokeSession(id: "nope") }`, {}, eve.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });
  });
});

describe('signOut', () => {
  it('ends the session of the token making the request, and only that one', async () => {
    const gus = await t.signUp('Gus');
    const other = await signIn(gus, FIREFOX_LINUX);
    const socket = connectLive(t.wsUrl, gus.token);
    await socket.connected;
    expect(ok(await t.gql<{ signOut: boolean }>(`mutation { signOut }`, {}, gus.token)).signOut).toBe(true);
    expect(await socket.closed).toBe(4403);
    expect(errorOf(await me(gus.token)).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await t.gql(`mutation { signOut }`, {}, gus.token)).code).toBe('UNAUTHENTICATED');
    expect((await sessionsOf(other)).map((s) => s.device)).toEqual(['Firefox on Linux']);
  });
});

describe('a session ended on another replica', () => {
  it("closes this replica's socket of it at once (session.ended over Redis)", async () => {
    if (!t.redis) return;
    const other = await startTestGateway({ redis: true, schema: t.schema });
    try {
      const oz = await t.signUp('Oz');
      const socket = connectLive(other.wsUrl, oz.token);
      await socket.connected;
      ok(await t.gql(`mutation { signOut }`, {}, oz.token));
      expect(await socket.closed).toBe(4403);
    } finally {
      await other.close();
    }
  });
});

describe('a live connection whose session ended without the event reaching it', () => {
  it('is closed when the next event would be delivered, and gets nothing', async () => {
    const hal = await t.signUp('Hal');
    const ivy = await t.signUp('Ivy');
    const socket = connectLive(t.wsUrl, hal.token);
    const sub = socket.subscribe<{ notificationAdded: { id: string } }>(`subscription { notificationAdded { id } }`);
    await socket.connected;
    // As if the bus had lost the session.ended event: the row goes, no event is published.
    await t.sql(`DELETE FROM ${t.schema}.sessions WHERE user_id = $1`, [hal.id]);
    ok(await t.gql(`mutation($id: ID!) { follow(userId: $id) { id } }`, { id: hal.id }, ivy.token));
    expect(await socket.closed).toBe(4403);
    expect(sub.results).toHaveLength(0);
  });
});

describe('changePassword', () => {
  it('needs the current password, ends every other session (closing its sockets) and keeps this one', async () => {
    const jo = await t.signUp('Jo');
    const laptop = await signIn(jo, FIREFOX_LINUX);
    const socket = connectLive(t.wsUrl, laptop);
    await socket.connected;

    const wrong = await t.gql(
      `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { token } }`,
      { c: 'not-my-password', n: 'a-brand-new-password' },
      jo.token,
    );
    expect(errorOf(wrong)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currentPassword' });
    const short = await t.gql(
      `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { token } }`,
      { c: TEST_PASSWORD, n: 'short' },
      jo.token,
    );
    expect(errorOf(short)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
    expect(ok(await me(laptop)).me?.id).toBe(jo.id);

    const changed = await t.gql<{ changePassword: AuthPayload }>(
      `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { token user { id } } }`,
      { c: TEST_PASSWORD, n: 'a-brand-new-password' },
      jo.token,
    );
    const payload = ok(changed).changePassword;
    expect(payload.user.id).toBe(jo.id);
    expect(await socket.closed).toBe(4403);
    expect(errorOf(await me(laptop)).code).toBe('UNAUTHENTICATED');
    // This session goes on, with the token it had and the one it was given.
    expect(ok(await me(jo.token)).me?.id).toBe(jo.id);
    expect(ok(await me(payload.token)).me?.id).toBe(jo.id);
    expect((await sessionsOf(payload.token)).map((s) => s.current)).toEqual([true]);

    await expect(signIn(jo, null)).rejects.toThrow(/Wrong email or password/);
    expect(ok(await me(await signIn(jo, null, 'a-brand-new-password'))).me?.id).toBe(jo.id);
  });

  it('counts a wrong current password against the sign-in limits', async () => {
    const kim = await t.signUp('Kim');
    const attempt = (c: string) =>
      t.gql(
        `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { token } }`,
        { c, n: 'another-new-password' },
        kim.token,
      );
    // SIGNIN_LIMIT_PER_ACCOUNT is 5 by default: the sixth guess is refused before it is checked.
    for (let i = 0; i < 5; i++) expect(errorOf(await attempt(`guess-number-${i}`)).field).toBe('currentPassword');
    expect(errorOf(await attempt(TEST_PASSWORD)).code).toBe('RATE_LIMITED');
    await expect(signIn(kim, null)).rejects.toThrow(/RATE_LIMITED|Too many/);
  });
});

describe('deleteAccount', () => {
  it('takes its sessions with it', async () => {
    const lu = await t.signUp('Lu');
    await signIn(lu, FIREFOX_LINUX);
    ok(await t.gql(`mutation($p: String!) { deleteAccount(password: $p) }`, { p: TEST_PASSWORD }, lu.token));
    await eventually(
      async () => (await t.sql(`SELECT 1 FROM ${t.schema}.sessions WHERE user_id = $1`, [lu.id])).length === 0,
      'no sessions left',
    );
  });
});

describe('row-level security', () => {
  /** Plain SQL as the server runs it: the runtime role, the viewer set for the transaction (rolled back). */
  async function asViewer<T extends object>(viewerId: string, sql: string, params: unknown[] = []): Promise<T[] | Error> {
    await t.sql('BEGIN');
    try {
      await t.sql(`SET LOCAL ROLE ${APP_ROLE}`);
      await t.sql(`SELECT set_config('${VIEWER_SETTING}', $1, true)`, [viewerId]);
      return await t.sql<T>(sql, params);
    } catch (error: unknown) {
      return error as Error;
    } finally {
      await t.sql('ROLLBACK');
    }
  }

  it("shows and ends a runner's own sessions only, and gives the runtime role nothing of the reset links", async () => {
    const mia = await t.signUp('Mia');
    const ned = await t.signUp('Ned');
    const seen = await asViewer<{ user_id: string }>(ned.id, `SELECT user_id FROM ${t.schema}.sessions`);
    expect(seen).toEqual([{ user_id: ned.id }]);
    expect(await asViewer(ned.id, `DELETE FROM ${t.schema}.sessions WHERE user_id = $1 RETURNING id`, [mia.id])).toEqual([]);
    const inserted = await asViewer(ned.id, `INSERT INTO ${t.schema}.sessions (user_id, device, expires_at) VALUES ($1, 'x', now())`, [
      mia.id,
    ]);
    expect(String(inserted)).toMatch(/row-level security/);
    const links = await asViewer(ned.id, `SELECT * FROM ${t.schema}.password_reset_tokens`);
    expect(String(links)).toMatch(/permission denied/);
    expect(ok(await me(mia.token)).me?.id).toBe(mia.id);
  });
});

describe('an expiring token', () => {
  it('is refused once it expires, though the gateway remembered it as verified', async () => {
    const user = await t.signUp('Brief');
    const [{ id: sessionId }] = await t.sql<{ id: string }>(`SELECT id FROM sessions WHERE user_id = $1`, [user.id]);
    const brief = new TokenService(TEST_JWT_SECRET, 1).issue(user.id, sessionId);
    expect(ok(await t.gql<{ me: { id: string } }>(`{ me { id } }`, {}, brief)).me.id).toBe(user.id);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const refused = await t.gql(`{ me { id } }`, {}, brief);
    expect(refused.status).toBe(401);
    expect(errorOf(refused).code).toBe('UNAUTHENTICATED');
  });
});
