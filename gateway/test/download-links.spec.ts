// Download links (POST /api/download-links): the web client saves the account export and GPX files
// straight to disk through a short-lived link for one path, instead of fetching them into memory
// with the Authorization header. A link acts as the credential that made it, on that path only,
// until it expires, its session ends or its access token is revoked; it never widens scopes.
import { errorOf, ok, startTestGateway } from './harness';
import type { TestGateway, TestUser } from './harness';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway({ env: { DOWNLOAD_LINK_TTL_SECONDS: '2' } });
});
afterAll(() => t.close());

interface LinkAnswer {
  url?: string;
  expiresAt?: string;
  error?: { code: string; field?: string; requiredScope?: string };
}

async function linkFor(token: string, path: unknown): Promise<{ status: number; body: LinkAnswer }> {
  const res = await fetch(`${t.url}/api/download-links`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ path }),
  });
  return { status: res.status, body: (await res.json()) as LinkAnswer };
}

/** GET without any Authorization header, as a browser following the link does. */
async function follow(url: string): Promise<{ status: number; disposition: string | null; body: Buffer }> {
  const res = await fetch(`${t.url}${url}`);
  return { status: res.status, disposition: res.headers.get('content-disposition'), body: Buffer.from(await res.arrayBuffer()) };
}

async function logRun(user: TestUser): Promise<string> {
  const res = await t.gql<{ createRun: { id: string } }>(
    `mutation($i: RunInput!) { createRun(input: $i) { id } }`,
    { i: { startedAt: '2025-05-01T07:00:00Z', distance: 5000, duration: 1500 } },
    user.token,
  );
  return ok(res).createRun.id;
}

async function createPat(user: TestUser, scopes: string[]): Promise<string> {
  const res = await t.gql<{ createPersonalAccessToken: { token: string } }>(
    `mutation($s: [TokenScope!]!) { createPersonalAccessToken(name: "downloads", scopes: $s) { token } }`,
    { s: scopes },
    user.token,
  );
  return ok(res).createPersonalAccessToken.token;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('download links', () => {
  it('a link downloads the account export without a header, on its own path only, until it expires', async () => {
    const ana = await t.signUp('Ana Links');
    await logRun(ana);
    const { status, body } = await linkFor(ana.token, '/api/export');
    expect(status).toBe(200);
    expect(body.url).toMatch(/^\/api\/export\?download=/);
    const file = await follow(body.url!);
    expect(file.status).toBe(200);
    expect(file.disposition).toMatch(/attachment; filename="maratron-export-.*\.zip"/);
    expect(file.body.subarray(0, 2).toString('latin1')).toBe('PK');

    // The same token on another path is no credential at all.
    const runId = await logRun(ana);
    const token = new URL(body.url!, t.url).searchParams.get('download')!;
    expect((await follow(`/api/runs/${runId}.gpx?download=${encodeURIComponent(token)}`)).status).toBe(401);
    // Nor is it a bearer token, anywhere.
    expect(errorOf(await t.gql(`{ me { id } }`, {}, token)).code).toBe('UNAUTHENTICATED');
    expect((await fetch(`${t.url}/api/export`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);

    await sleep(2500);
    expect((await follow(body.url!)).status).toBe(401);
  });

  it('refuses a path that is no download, and ends with the session that made it', async () => {
    const ben = await t.signUp('Ben Links');
    for (const path of ['/graphql', '/api/export/../imports', 42, '/api/runs/x.gpx/../../export']) {
      const refused = await linkFor(ben.token, path);
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'path' });
    }
    const { body } = await linkFor(ben.token, '/api/export');
    ok(await t.gql(`mutation { signOut }`, {}, ben.token));
    expect((await follow(body.url!)).status).toBe(401);
  });

  it("keeps an access token's scopes: a RUNS_READ token gets a GPX link but no export link", async () => {
    const cy = await t.signUp('Cy Links');
    const runId = await logRun(cy);
    const pat = await createPat(cy, ['RUNS_READ']);
    const gpx = await linkFor(pat, `/api/runs/${runId}.gpx`);
    expect(gpx.status).toBe(200);
    const file = await follow(gpx.body.url!);
    expect(file.status).toBe(200);
    expect(file.body.toString('utf8')).toContain('<gpx');
    const linkToken = new URL(gpx.body.url!, t.url).searchParams.get('download')!;
    expect(errorOf(await t.gql(`{ runs { totalCount } }`, {}, linkToken)).code).toBe('UNAUTHENTICATED');

    const exported = await linkFor(pat, '/api/export');
    expect(exported.status).toBe(403);
    expect(exported.body.error).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'SESSION' });
    const profileOnly = await createPat(cy, ['PROFILE_READ']);
    expect((await linkFor(profileOnly, `/api/runs/${runId}.gpx`)).status).toBe(403);
  });

  it("a link for another runner's private run finds nothing", async () => {
    const dee = await t.signUp('Dee Links');
    const eve = await t.signUp('Eve Links');
    const res = await t.gql<{ createRun: { id: string } }>(
      `mutation($i: RunInput!) { createRun(input: $i) { id } }`,
      { i: { startedAt: '2025-05-01T07:00:00Z', distance: 5000, duration: 1500, visibility: 'PRIVATE' } },
      dee.token,
    );
    const { body } = await linkFor(eve.token, `/api/runs/${ok(res).createRun.id}.gpx`);
    expect((await follow(body.url!)).status).toBe(404);
  });
});
