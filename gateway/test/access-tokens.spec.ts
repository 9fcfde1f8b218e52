// Personal access tokens (issue 15, "Integrators"): created from a signed-in session with a name,
// scopes and an optional expiry; the secret (`mrt_pat_…`) is shown once and stored as its SHA-256.
// A token works as a bearer on /graphql (HTTP and graphql-ws) and /api within its scopes — one
// declaration per root field and route (core/src/auth/scopes.ts), checked when the schema is built —
// and answers FORBIDDEN with `requiredScope` outside them. Revoked or expired, it is refused at once
// everywhere, and its open sockets close.
import { createHash } from 'node:crypto';
import { extendSchema, parse } from 'graphql';
import { SCOPES, scopeOf } from '@maratron/core';
import type { ScopeKind } from '@maratron/core';
import { assertScopesDeclared } from '../src/protection/scopes';
import { errorOf, ok, startTestGateway } from './harness';
import type { GqlResponse, TestGateway, TestUser } from './harness';
import { connectLive, eventually } from './live';

interface Pat {
  id: string;
  name: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}
const PAT_FIELDS = 'id name scopes createdAt lastUsedAt expiresAt';
const TOKENS_MAX = 3;

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway({ env: { PERSONAL_ACCESS_TOKENS_MAX: String(TOKENS_MAX) } });
});
afterAll(() => t.close());

async function createPat(
  sessionToken: string,
  scopes: string[],
  expiresInDays: number | null = null,
): Promise<{ token: string; accessToken: Pat }> {
  const res = await t.gql<{ createPersonalAccessToken: { token: string; accessToken: Pat } }>(
    `mutation($n: String!, $s: [TokenScope!]!, $d: Int) { createPersonalAccessToken(name: $n, scopes: $s, expiresInDays: $d) { token accessToken { ${PAT_FIELDS} } } }`,
    { n: `script ${scopes.join('+')}`, s: scopes, d: expiresInDays },
    sessionToken,
  );
  return ok(res).createPersonalAccessToken;
}

const extensionsOf = (res: GqlResponse) => res.errors?.[0]?.extensions ?? {};

async function logRun(user: TestUser): Promise<string> {
  const res = await t.gql<{ createRun: { id: string } }>(
    `mutation($i: RunInput!) { createRun(input: $i) { id } }`,
    { i: { startedAt: '2025-05-01T07:00:00Z', distance: 5000, duration: 1500 } },
    user.token,
  );
  return ok(res).createRun.id;
}

const RUNS = `query($u: ID) { runs(userId: $u) { totalCount edges { node { id distance } } } }`;
const fetchStatus = async (path: string, token: string, init: RequestInit = {}) => {
  const res = await fetch(`${t.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
  const text = await res.text();
  return { status: res.status, body: text };
};
const uploadStatus = (token: string) =>
  fetchStatus('/api/imports', token, { method: 'POST', headers: { 'content-type': 'application/zip' }, body: Buffer.from('not a zip') });

describe('createPersonalAccessToken', () => {
  it('shows a recognisable secret once, stores only its SHA-256, and lists the token without it', async () => {
    const ann = await t.signUp('Ann');
    const { token, accessToken } = await createPat(ann.token, ['RUNS_READ', 'RUNS_READ', 'PROFILE_READ'], 30);
    expect(token).toMatch(/^mrt_pat_[A-Za-z0-9_-]{43}$/);
    expect(accessToken).toMatchObject({
      name: 'script RUNS_READ+RUNS_READ+PROFILE_READ',
      scopes: ['RUNS_READ', 'PROFILE_READ'],
      lastUsedAt: null,
    });
    const days = (new Date(accessToken.expiresAt!).getTime() - new Date(accessToken.createdAt).getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(30);

    const [row] = await t.sql<{ token_hash: Buffer; all: string }>(
      `SELECT token_hash, row_to_json(p)::text AS "all" FROM ${t.schema}.personal_access_tokens p WHERE id = $1`,
      [accessToken.id],
    );
    expect(row.token_hash.equals(createHash('sha256').update(token).digest())).toBe(true);
    expect(row.all).not.toContain(token.slice('mrt_pat_'.length));

    const listed = ok(await t.gql<{ personalAccessTokens: Pat[] }>(`{ personalAccessTokens { ${PAT_FIELDS} } }`, {}, ann.token));
    expect(listed.personalAccessTokens).toEqual([accessToken]);
    // Nobody else sees it.
    const bob = await t.signUp('Bob');
    expect(ok(await t.gql<{ personalAccessTokens: Pat[] }>(`{ personalAccessTokens { id } }`, {}, bob.token)).personalAccessTokens).toEqual(
      [],
    );
    const notHis = await t.gql(`mutation($id: ID!) { revokePersonalAccessToken(id: $id) }`, { id: accessToken.id }, bob.token);
    expect(errorOf(notHis).code).toBe('NOT_FOUND');
  });

  it('refuses bad input with BAD_USER_INPUT and the field, and more than PERSONAL_ACCESS_TOKENS_MAX tokens; stores nothing', async () => {
    const cat = await t.signUp('Cat');
    expect(errorOf(await t.gql(`mutation { createPersonalAccessToken(name: "x", scopes: []) { token } }`, {}, cat.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'scopes',
    });
    expect(
      errorOf(await t.gql(`mutation { createPersonalAccessToken(name: " ", scopes: [RUNS_READ]) { token } }`, {}, cat.token)),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'name',
    });
    const tooLong = await t.gql(
      `mutation { createPersonalAccessToken(name: "x", scopes: [RUNS_READ], expiresInDays: 0) { token } }`,
      {},
      cat.token,
    );
    expect(errorOf(tooLong)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'expiresInDays' });
    for (let i = 0; i < TOKENS_MAX; i++) await createPat(cat.token, ['RUNS_READ']);
    const over = await t.gql(`mutation { createPersonalAccessToken(name: "one more", scopes: [RUNS_READ]) { token } }`, {}, cat.token);
    expect(errorOf(over)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    const [{ n }] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${t.schema}.personal_access_tokens WHERE user_id = $1`, [
      cat.id,
    ]);
    expect(n).toBe(TOKENS_MAX);
  });
});

describe('a token with RUNS_READ', () => {
  it('reads runs over HTTP and /api, and is FORBIDDEN with requiredScope for anything else', async () => {
    const dan = await t.signUp('Dan');
    const runId = await logRun(dan);
    const { token } = await createPat(dan.token, ['RUNS_READ']);

    const runs = await t.gql<{ runs: { totalCount: number; edges: { node: { id: string } }[] } }>(RUNS, { u: dan.id }, token);
    expect(ok(runs).runs.edges.map((e) => e.node.id)).toEqual([runId]);
    expect(ok(await t.gql<{ run: { id: string } }>(`query($id: ID!) { run(id: $id) { id } }`, { id: runId }, token)).run.id).toBe(runId);
    expect((await fetchStatus(`/api/runs/${runId}.gpx`, token)).status).toBe(200);

    const refusals: [string, Record<string, unknown>, string][] = [
      [
        `mutation($i: RunInput!) { createRun(input: $i) { id } }`,
        { i: { startedAt: '2025-05-02T07:00:00Z', distance: 1, duration: 1 } },
        'RUNS_WRITE',
      ],
      [`mutation { askCoach(message: "How am I doing?") { conversationId } }`, {}, 'COACH'],
      [`mutation { createPersonalAccessToken(name: "more", scopes: [RUNS_READ, COACH]) { token } }`, {}, 'SESSION'],
      [`mutation { changePassword(currentPassword: "a", newPassword: "bbbbbbbbbbbb") { token } }`, {}, 'SESSION'],
      [`{ personalAccessTokens { id } }`, {}, 'SESSION'],
      [`{ me { id } }`, {}, 'PROFILE_READ'],
      // A root field behind a fragment is checked all the same.
      [`query { ...F } fragment F on Query { feed { edges { node { id } } } }`, {}, 'SOCIAL_READ'],
    ];
    for (const [query, variables, scope] of refusals) {
      const res = await t.gql(query, variables, token);
      expect({ query, status: res.status, ...extensionsOf(res) }).toEqual({ query, status: 403, code: 'FORBIDDEN', requiredScope: scope });
      expect(res.data ?? null).toBeNull();
    }
    const [{ n }] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${t.schema}.runs WHERE user_id = $1`, [dan.id]);
    expect(n).toBe(1);

    // /api: the import upload needs RUNS_WRITE, the account export a session.
    const upload = await uploadStatus(token);
    expect(upload.status).toBe(403);
    expect(JSON.parse(upload.body)).toMatchObject({ error: { code: 'FORBIDDEN', requiredScope: 'RUNS_WRITE' } });
    const exported = await fetchStatus('/api/export', token);
    expect(exported.status).toBe(403);
    expect(JSON.parse(exported.body)).toMatchObject({ error: { code: 'FORBIDDEN', requiredScope: 'SESSION' } });
  });

  it('subscribes to its import progress over graphql-ws, and is FORBIDDEN for a social subscription', async () => {
    const eve = await t.signUp('Eve');
    const { token } = await createPat(eve.token, ['RUNS_READ']);
    const [job] = await t.sql<{ id: string }>(
      `INSERT INTO ${t.schema}.import_jobs (user_id, archive_path, total) VALUES ($1, '/nowhere.zip', 3) RETURNING id`,
      [eve.id],
    );
    const socket = connectLive(t.wsUrl, token);
    await socket.connected;
    const refused = socket.subscribe(`subscription { notificationAdded { id } }`);
    expect(await refused.error).toEqual([expect.objectContaining({ extensions: { code: 'FORBIDDEN', requiredScope: 'SOCIAL_READ' } })]);
    const progress = socket.subscribe<{ importProgress: { id: string; total: number } }>(
      `subscription($j: ID!) { importProgress(jobId: $j) { id total } }`,
      { j: job.id },
    );
    // The subscription is registered once the server has answered a later message on the socket.
    await new Promise((resolve) => setTimeout(resolve, 300));
    t.bus.publish('import.progress', { jobId: job.id, userId: eve.id });
    expect((await progress.next()).data?.importProgress).toEqual({ id: job.id, total: 3 });
    await socket.dispose();
  });

  it('keeps lastUsedAt in the opening round trip: no statement more than a session', async () => {
    const fay = await t.signUp('Fay');
    const { token, accessToken } = await createPat(fay.token, ['RUNS_READ']);
    const count = async (bearer: string) => {
      const before = t.statements.count;
      ok(await t.gql(RUNS, { u: fay.id }, bearer));
      return t.statements.count - before;
    };
    ok(await t.gql(RUNS, { u: fay.id }, token)); // the first use looks the hash up once
    const [{ used }] = await t.sql<{ used: Date | null }>(
      `SELECT last_used_at AS used FROM ${t.schema}.personal_access_tokens WHERE id = $1`,
      [accessToken.id],
    );
    expect(used).not.toBeNull();
    expect(await count(token)).toBe(await count(fay.token));
  });
});

describe('a revoked or expired token', () => {
  it('is refused at once on GraphQL, /api and graphql-ws, and its open socket closes', async () => {
    const gus = await t.signUp('Gus');
    const runId = await logRun(gus);
    const { token, accessToken } = await createPat(gus.token, ['RUNS_READ', 'RUNS_WRITE', 'SOCIAL_READ']);
    ok(await t.gql(RUNS, { u: gus.id }, token));
    const socket = connectLive(t.wsUrl, token);
    await socket.connected;
    socket.subscribe(`subscription { notificationAdded { id } }`);

    const revoked = await t.gql<{ revokePersonalAccessToken: string }>(
      `mutation($id: ID!) { revokePersonalAccessToken(id: $id) }`,
      { id: accessToken.id },
      gus.token,
    );
    expect(ok(revoked).revokePersonalAccessToken).toBe(accessToken.id);
    expect(await socket.closed).toBe(4403);

    const refused = await t.gql(RUNS, { u: gus.id }, token);
    expect(errorOf(refused)).toMatchObject({ code: 'UNAUTHENTICATED', message: 'This access token was revoked or has expired' });
    expect(refused.status).toBe(401);
    // Even an operation that reads nothing from the database.
    expect(errorOf(await t.gql(`{ __typename }`, {}, token)).code).toBe('UNAUTHENTICATED');
    expect((await fetchStatus(`/api/runs/${runId}.gpx`, token)).status).toBe(401);
    expect((await uploadStatus(token)).status).toBe(401);
    expect(await connectLive(t.wsUrl, token).closed).toBe(4403);
    expect(ok(await t.gql(`{ personalAccessTokens { id } }`, {}, gus.token))).toEqual({ personalAccessTokens: [] });
  });

  it('closes a live connection at its next event even if the revocation never reached it, and sends nothing', async () => {
    const ida = await t.signUp('Ida');
    const jon = await t.signUp('Jon');
    const { token, accessToken } = await createPat(ida.token, ['SOCIAL_READ']);
    const subscribed = t.gateway.live.size;
    const socket = connectLive(t.wsUrl, token);
    const sub = socket.subscribe<{ notificationAdded: { id: string } }>(`subscription { notificationAdded { id } }`);
    await socket.connected;
    await eventually(() => t.gateway.live.size > subscribed, 'the subscription registered');
    // As if the bus had lost the access-token.revoked event: the row goes, no event is published.
    await t.sql(`DELETE FROM ${t.schema}.personal_access_tokens WHERE id = $1`, [accessToken.id]);
    ok(await t.gql(`mutation($id: ID!) { follow(userId: $id) { id } }`, { id: ida.id }, jon.token));
    expect(await socket.closed).toBe(4403);
    expect(sub.results).toHaveLength(0);
  });

  it('expired (after it was last used) is refused the same way', async () => {
    const hal = await t.signUp('Hal');
    const runId = await logRun(hal);
    const { token, accessToken } = await createPat(hal.token, ['RUNS_READ'], 1);
    ok(await t.gql(RUNS, { u: hal.id }, token));
    await t.sql(`UPDATE ${t.schema}.personal_access_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [accessToken.id]);

    const refused = await t.gql(RUNS, { u: hal.id }, token);
    expect(refused.status).toBe(401);
    expect(errorOf(refused).code).toBe('UNAUTHENTICATED');
    expect((await fetchStatus(`/api/runs/${runId}.gpx`, token)).status).toBe(401);
    expect(await connectLive(t.wsUrl, token).closed).toBe(4403);
    // A secret nobody issued is refused like a bad token.
    expect((await t.gql(RUNS, { u: hal.id }, `mrt_pat_${'A'.repeat(43)}`)).status).toBe(401);
  });
});

describe('scope declarations', () => {
  it('cover every root field of the schema (Query, Mutation, Subscription)', () => {
    const schema = t.gateway.schema;
    const roots: [ScopeKind, ReturnType<typeof schema.getQueryType>][] = [
      ['Query', schema.getQueryType()],
      ['Mutation', schema.getMutationType()],
      ['Subscription', schema.getSubscriptionType()],
    ];
    const undeclared: string[] = [];
    let fields = 0;
    for (const [kind, type] of roots) {
      for (const name of Object.keys(type!.getFields())) {
        fields++;
        if (!scopeOf(kind, name)) undeclared.push(`${kind}.${name}`);
      }
    }
    expect(undeclared).toEqual([]);
    expect(fields).toBeGreaterThan(60);
    // Account operations stay with the session.
    for (const name of [
      'createPersonalAccessToken',
      'revokePersonalAccessToken',
      'changePassword',
      'deleteAccount',
      'signOut',
      'updateProfile',
    ]) {
      expect(SCOPES.Mutation[name as keyof typeof SCOPES.Mutation]).toBe('SESSION');
    }
  });

  it('are checked when the schema is built: an undeclared root field fails it', () => {
    expect(() => assertScopesDeclared(t.gateway.schema)).not.toThrow();
    const extended = extendSchema(
      t.gateway.schema,
      parse(`extend type Query { undeclaredThing: Int } extend type Subscription { undeclaredFeed: Int }`),
    );
    expect(() => assertScopesDeclared(extended)).toThrow(/Query\.undeclaredThing, Subscription\.undeclaredFeed/);
  });
});

describe('CORS', () => {
  const preflight = (url: string, path: string, origin: string) =>
    fetch(`${url}${path}`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });

  it('answers a preflight from an origin of CORS_ORIGINS, on /graphql and /api, without credentials; not from another', async () => {
    const c = await startTestGateway({ env: { CORS_ORIGINS: 'https://app.example.com, https://other.example.org/' } });
    try {
      for (const path of ['/graphql', '/api/imports']) {
        const allowed = await preflight(c.url, path, 'https://app.example.com');
        expect(allowed.status).toBe(204);
        expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
        expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
        expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
        const refused = await preflight(c.url, path, 'https://evil.example.net');
        expect(refused.headers.get('access-control-allow-origin')).toBeNull();
      }
      expect((await preflight(c.url, '/graphql', 'https://other.example.org')).headers.get('access-control-allow-origin')).toBe(
        'https://other.example.org',
      );
      // The actual request carries the header too.
      const res = await fetch(`${c.url}/graphql`, {
        method: 'POST',
        headers: { origin: 'https://app.example.com', 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    } finally {
      await c.close();
    }
  });

  it('sends no CORS headers at all without CORS_ORIGINS (the default)', async () => {
    const res = await preflight(t.url, '/graphql', 'https://app.example.com');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
