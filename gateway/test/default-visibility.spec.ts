// Each runner's defaultVisibility: FOLLOWERS for a new account, the runner's own to read and set,
// what createRun, importActivity and a bulk import give a run that names no visibility; an
// explicit visibility still wins. (MCP log_run: ai-server/test/privacy.spec.ts.)
import { zipSync } from 'fflate';
import { simulateRun, stravaGpx } from './activity-files';
import { errorOf, ok, startTestGateway } from './harness';
import type { TestGateway, TestUser } from './harness';
import { eventually } from './live';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());

type Visibility = 'PUBLIC' | 'FOLLOWERS' | 'PRIVATE';
const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000);
const gpx = (d: number) => stravaGpx(simulateRun({ start: daysAgo(d), plan: [{ run: 3000, pace: 300 }], seed: d }));

async function defaultOf(user: TestUser, asked = user): Promise<Visibility | null> {
  const q = `query($u: ID!) { user(id: $u) { defaultVisibility } }`;
  return ok(await t.gql<{ user: { defaultVisibility: Visibility | null } }>(q, { u: user.id }, asked.token)).user.defaultVisibility;
}

async function setDefault(user: TestUser, value: Visibility) {
  const m = `mutation($v: Visibility) { updateProfile(input: { defaultVisibility: $v }) { defaultVisibility } }`;
  return ok(await t.gql<{ updateProfile: { defaultVisibility: Visibility } }>(m, { v: value }, user.token)).updateProfile.defaultVisibility;
}

async function createRun(user: TestUser, visibility?: Visibility): Promise<Visibility> {
  const input = { startedAt: daysAgo(1).toISOString(), distance: 5000, duration: 1500, ...(visibility ? { visibility } : {}) };
  return ok(
    await t.gql<{ createRun: { visibility: Visibility } }>(
      `mutation($i: RunInput!) { createRun(input: $i) { visibility } }`,
      { i: input },
      user.token,
    ),
  ).createRun.visibility;
}

async function importActivity(user: TestUser, day: number, visibility?: Visibility): Promise<Visibility> {
  return ok(
    await t.gql<{ importActivity: { visibility: Visibility } }>(
      `mutation($c: String!, $v: Visibility) { importActivity(format: GPX, content: $c, visibility: $v) { visibility } }`,
      { c: gpx(day), v: visibility ?? null },
      user.token,
    ),
  ).importActivity.visibility;
}

describe('default visibility', () => {
  it('is FOLLOWERS for a new account, the runner’s own to read (null for everyone else)', async () => {
    const runner = await t.signUp('Newcomer');
    const other = await t.signUp('Onlooker');
    expect(ok(await t.gql<{ me: { defaultVisibility: Visibility } }>(`{ me { defaultVisibility } }`, {}, runner.token)).me).toEqual({
      defaultVisibility: 'FOLLOWERS',
    });
    expect(await defaultOf(runner, other)).toBeNull();
    expect(await setDefault(runner, 'PRIVATE')).toBe('PRIVATE');
    expect(await defaultOf(runner)).toBe('PRIVATE');
    expect(await defaultOf(runner, other)).toBeNull();
    const res = await t.gql(`mutation { updateProfile(input: { defaultVisibility: SECRET }) { id } }`, {}, runner.token);
    expect(errorOf(res).code).toBe('GRAPHQL_VALIDATION_FAILED');
    // Leaving it out (or null) keeps it.
    ok(await t.gql(`mutation { updateProfile(input: { bio: "Runs at dawn", defaultVisibility: null }) { id } }`, {}, runner.token));
    expect(await defaultOf(runner)).toBe('PRIVATE');
  });

  it('is what createRun and importActivity give a run that names no visibility; an explicit one wins', async () => {
    const runner = await t.signUp('Chooser');
    expect(await createRun(runner)).toBe('FOLLOWERS');
    expect(await importActivity(runner, 3)).toBe('FOLLOWERS');
    await setDefault(runner, 'PRIVATE');
    expect(await createRun(runner)).toBe('PRIVATE');
    expect(await importActivity(runner, 4)).toBe('PRIVATE');
    expect(await createRun(runner, 'PUBLIC')).toBe('PUBLIC');
    expect(await importActivity(runner, 5, 'PUBLIC')).toBe('PUBLIC');
    await setDefault(runner, 'PUBLIC');
    expect(await createRun(runner)).toBe('PUBLIC');
    expect(await createRun(runner, 'FOLLOWERS')).toBe('FOLLOWERS');
  });

  it('keeps a stranger from seeing a new runner’s runs until they choose otherwise', async () => {
    const runner = await t.signUp('Cautious');
    const stranger = await t.signUp('Passerby');
    const id = ok(
      await t.gql<{ createRun: { id: string } }>(
        `mutation { createRun(input: { startedAt: "${daysAgo(1).toISOString()}", distance: 5000, duration: 1500, share: true }) { id } }`,
        {},
        runner.token,
      ),
    ).createRun.id;
    expect(
      ok(await t.gql<{ run: { id: string } | null }>(`query($id: ID!) { run(id: $id) { id } }`, { id }, stranger.token)).run,
    ).toBeNull();
    const posts = await t.sql<{ visibility: string }>(`SELECT visibility FROM posts WHERE run_id = $1`, [id]);
    expect(posts).toEqual([{ visibility: 'FOLLOWERS' }]);
  });

  it('is what a bulk import gives runs its archive names no visibility for', async () => {
    const runner = await t.signUp('Archivist');
    await setDefault(runner, 'PRIVATE');
    const zip = zipSync({ 'activities/1.gpx': new TextEncoder().encode(gpx(10)), 'activities/2.gpx': new TextEncoder().encode(gpx(11)) });
    const res = await fetch(`${t.url}/api/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${runner.token}`, 'content-type': 'application/zip' },
      body: zip,
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const job = `query($id: ID!) { importJob(id: $id) { status imported } }`;
    let status = '';
    await eventually(async () => {
      const found = ok(await t.gql<{ importJob: { status: string; imported: number } }>(job, { id }, runner.token)).importJob;
      status = found.status;
      return status === 'DONE' || status === 'FAILED';
    }, 'the import to finish');
    expect(status).toBe('DONE');
    const runs = await t.sql<{ visibility: string }>(`SELECT visibility FROM runs WHERE user_id = $1`, [runner.id]);
    expect(runs).toEqual([{ visibility: 'PRIVATE' }, { visibility: 'PRIVATE' }]);
  });
});
