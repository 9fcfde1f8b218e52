import { errorOf, ok, startTestGateway } from './harness';
import type { Edges, Page, TestGateway, TestUser } from './harness';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());

const CREATE = `mutation($input: RunInput!) { createRun(input: $input) { id distance duration pace visibility environment name user { id } } }`;
const daysAgo = (d: number) => new Date(Date.now() - d * 86400_000).toISOString();

interface CreatedRun {
  id: string;
  distance: number;
  duration: number;
  pace: number;
  visibility: string;
  environment: string;
  name: string | null;
  user: { id: string };
}

async function createRun(user: TestUser, input: Record<string, unknown> = {}) {
  const res = ok(
    await t.gql<{ createRun: CreatedRun }>(
      CREATE,
      { input: { startedAt: daysAgo(1), distance: 10000, duration: 3000, ...input } },
      user.token,
    ),
  );
  return res.createRun;
}

type RunIds = { totalCount: number } & Edges<{ id: string }>;

describe('runs', () => {
  it('logs a run with derived pace and defaults', async () => {
    const a = await t.signUp('Logger');
    const run = await createRun(a, { name: 'Morning 10K' });
    expect(run).toMatchObject({
      distance: 10000,
      duration: 3000,
      pace: 300,
      // A new runner's defaultVisibility.
      visibility: 'FOLLOWERS',
      environment: 'OUTDOOR',
      name: 'Morning 10K',
      user: { id: a.id },
    });
  });

  it('applies visibility on run, runs and User.runs: PUBLIC, FOLLOWERS before and after following, PRIVATE', async () => {
    const owner = await t.signUp('Owner');
    const viewer = await t.signUp('Viewer');
    const pub = await createRun(owner, { visibility: 'PUBLIC', startedAt: daysAgo(3) });
    const fol = await createRun(owner, { visibility: 'FOLLOWERS', startedAt: daysAgo(2) });
    const priv = await createRun(owner, { visibility: 'PRIVATE', startedAt: daysAgo(1) });

    const seenBy = async (user: TestUser) => {
      const single = await Promise.all(
        [pub, fol, priv].map(
          async (r) =>
            ok(await t.gql<{ run: { id: string } | null }>(`query($id: ID!) { run(id: $id) { id } }`, { id: r.id }, user.token)).run?.id ??
            null,
        ),
      );
      const list = ok(
        await t.gql<{ runs: RunIds }>(
          `query($u: ID) { runs(userId: $u) { totalCount edges { node { id } } } }`,
          { u: owner.id },
          user.token,
        ),
      ).runs;
      const nested = ok(
        await t.gql<{ user: { runs: RunIds } }>(
          `query($u: ID) { user(id: $u) { runs { totalCount edges { node { id } } } } }`,
          { u: owner.id },
          user.token,
        ),
      ).user.runs;
      return {
        single: single.filter(Boolean),
        list: list.edges.map((e) => e.node.id),
        listCount: list.totalCount,
        nested: nested.edges.map((e) => e.node.id),
        nestedCount: nested.totalCount,
      };
    };
    const expectSees = (seen: Awaited<ReturnType<typeof seenBy>>, ids: string[]) => {
      expect(new Set(seen.single)).toEqual(new Set(ids));
      expect(new Set(seen.list)).toEqual(new Set(ids));
      expect(new Set(seen.nested)).toEqual(new Set(ids));
      expect(seen.listCount).toBe(ids.length);
      expect(seen.nestedCount).toBe(ids.length);
    };

    expectSees(await seenBy(viewer), [pub.id]);
    ok(await t.gql(`mutation($u: ID!) { follow(userId: $u) { id } }`, { u: owner.id }, viewer.token));
    expectSees(await seenBy(viewer), [pub.id, fol.id]);
    expectSees(await seenBy(owner), [pub.id, fol.id, priv.id]);
    ok(await t.gql(`mutation($u: ID!) { unfollow(userId: $u) { id } }`, { u: owner.id }, viewer.token));
    expectSees(await seenBy(viewer), [pub.id]);
  });

  it("refuses to edit or delete another runner's run", async () => {
    const owner = await t.signUp('Mine');
    const other = await t.signUp('Thief');
    const visible = await createRun(owner, { visibility: 'PUBLIC' });
    const hidden = await createRun(owner, { visibility: 'PRIVATE' });
    const upd = `mutation($id: ID!) { updateRun(id: $id, input: { distance: 1 }) { id } }`;
    const del = `mutation($id: ID!) { deleteRun(id: $id) }`;
    expect(errorOf(await t.gql(upd, { id: visible.id }, other.token)).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(del, { id: visible.id }, other.token)).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(upd, { id: hidden.id }, other.token)).code).toBe('NOT_FOUND');
    expect(errorOf(await t.gql(del, { id: hidden.id }, other.token)).code).toBe('NOT_FOUND');
    const rows = await t.sql(`SELECT distance FROM runs WHERE user_id = $1 ORDER BY distance`, [owner.id]);
    expect(rows).toEqual([{ distance: 10000 }, { distance: 10000 }]);
  });

  it('updates and deletes own runs', async () => {
    const a = await t.signUp('Editor');
    const run = await createRun(a);
    const upd = ok(
      await t.gql<{ updateRun: { distance: number; duration: number; pace: number; name: string | null } }>(
        `mutation($id: ID!) { updateRun(id: $id, input: { distance: 12000, name: "Longer", notes: null }) { distance duration pace name } }`,
        { id: run.id },
        a.token,
      ),
    );
    expect(upd.updateRun).toEqual({ distance: 12000, duration: 3000, pace: 250, name: 'Longer' });
    expect(ok(await t.gql<{ deleteRun: string }>(`mutation($id: ID!) { deleteRun(id: $id) }`, { id: run.id }, a.token)).deleteRun).toBe(
      run.id,
    );
    expect(
      ok(await t.gql<{ run: { id: string } | null }>(`query($id: ID!) { run(id: $id) { id } }`, { id: run.id }, a.token)).run,
    ).toBeNull();
    expect(errorOf(await t.gql(`mutation($id: ID!) { deleteRun(id: $id) }`, { id: run.id }, a.token)).code).toBe('NOT_FOUND');
  });

  it('returns every run exactly once while runs are inserted between pages', async () => {
    const a = await t.signUp('Pager');
    const base = Date.now() - 30 * 86400_000;
    for (let i = 0; i < 25; i++) await createRun(a, { startedAt: new Date(base + i * 3600_000).toISOString() });
    // Same start time for several runs: the id breaks the tie.
    for (let i = 0; i < 3; i++) await createRun(a, { startedAt: new Date(base + 5 * 3600_000).toISOString() });
    const seen: string[] = [];
    let after: string | null = null;
    let inserted = 0;
    for (;;) {
      const page: Page<{ id: string }> = ok(
        await t.gql<{ runs: Page<{ id: string }> }>(
          `query($after: String) { runs(first: 7, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`,
          { after },
          a.token,
        ),
      ).runs;
      seen.push(...page.edges.map((e) => e.node.id));
      // Someone logs runs while we page: newer ones (before our position) and older ones.
      await createRun(a, { startedAt: daysAgo(0.1) });
      await createRun(a, { startedAt: new Date(base - ++inserted * 86400_000).toISOString() });
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    const originalIds = (
      await t.sql<{ id: string }>(`SELECT id FROM runs WHERE user_id = $1 AND started_at BETWEEN $2 AND $3`, [
        a.id,
        new Date(base),
        new Date(base + 24 * 3600_000),
      ])
    ).map((r) => r.id);
    expect(originalIds).toHaveLength(28);
    for (const id of originalIds) expect(seen).toContain(id);
  });

  it('filters by from/to and pages with first', async () => {
    const a = await t.signUp('Ranger');
    await createRun(a, { startedAt: '2025-01-10T07:00:00Z' });
    await createRun(a, { startedAt: '2025-02-10T07:00:00Z' });
    await createRun(a, { startedAt: '2025-03-10T07:00:00Z' });
    const res = ok(
      await t.gql<{ runs: { totalCount: number } & Edges<{ startedAt: string }> }>(
        `{ runs(from: "2025-02-01T00:00:00Z", to: "2025-02-28T23:59:59Z") { totalCount edges { node { startedAt } } } }`,
        {},
        a.token,
      ),
    ).runs;
    expect(res.totalCount).toBe(1);
    expect(res.edges[0].node.startedAt).toBe('2025-02-10T07:00:00.000Z');
    expect(errorOf(await t.gql(`{ runs(first: 1000) { totalCount } }`, {}, a.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
    expect(errorOf(await t.gql(`{ runs(after: "garbage") { totalCount } }`, {}, a.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });

  it('answers each kind of bad input with BAD_USER_INPUT and the field, storing nothing', async () => {
    const a = await t.signUp('Sloppy');
    const other = await t.signUp('OtherShoe');
    const foreignShoe = ok(
      await t.gql<{ createShoe: { id: string } }>(`mutation { createShoe(input: { name: "Theirs" }) { id } }`, {}, other.token),
    ).createShoe.id;
    const cases: [Record<string, unknown>, string][] = [
      [{ distance: 0 }, 'distance'],
      [{ distance: -5 }, 'distance'],
      [{ duration: 0 }, 'duration'],
      [{ distance: 10000, duration: 300 }, 'duration'], // 30 s/km: not human
      [{ distance: 1000, duration: 7200 }, 'duration'], // 2 h/km
      [{ startedAt: new Date(Date.now() + 3 * 86400_000).toISOString() }, 'startedAt'],
      [{ name: 'x'.repeat(121) }, 'name'],
      [{ averageHeartRate: 400 }, 'averageHeartRate'],
      [{ elevationGain: -10 }, 'elevationGain'],
      [{ shoeId: foreignShoe }, 'shoeId'],
      [{ shoeId: 'not-an-id' }, 'shoeId'],
      [{ visibility: 'SECRET' }, 'visibility'],
      [{ startedAt: 'yesterday' }, 'startedAt'],
    ];
    for (const [input, field] of cases) {
      const res = await t.gql(CREATE, { input: { startedAt: daysAgo(1), distance: 10000, duration: 3000, ...input } }, a.token);
      expect({ input, ...errorOf(res) }).toMatchObject({ input, code: 'BAD_USER_INPUT', field });
    }
    expect(await t.sql(`SELECT count(*)::int AS n FROM runs WHERE user_id = $1`, [a.id])).toEqual([{ n: 0 }]);

    const run = await createRun(a);
    const bad = await t.gql(`mutation($id: ID!) { updateRun(id: $id, input: { duration: 10 }) { id } }`, { id: run.id }, a.token);
    expect(errorOf(bad)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'duration' });
    expect(await t.sql(`SELECT duration FROM runs WHERE id = $1`, [run.id])).toEqual([{ duration: 3000 }]);
  });

  it('costs the same number of SQL statements for a page of 50 runs as for 5', async () => {
    const a = await t.signUp('Counter');
    const shoe = ok(
      await t.gql<{ createShoe: { id: string } }>(
        `mutation { createShoe(input: { name: "Counted", isDefault: true }) { id } }`,
        {},
        a.token,
      ),
    ).createShoe.id;
    expect(shoe).toBeTruthy();
    for (let i = 0; i < 50; i++) await createRun(a, { startedAt: daysAgo(i + 1) });
    const q = `query($n: Int) { runs(first: $n) { edges { node { distance duration pace user { name followerCount } shoe { name distance } } } } }`;
    const count = async (n: number) => {
      const before = t.statements.count;
      const res = ok(await t.gql<{ runs: Edges<unknown> }>(q, { n }, a.token));
      expect(res.runs.edges).toHaveLength(n);
      return t.statements.count - before;
    };
    const five = await count(5);
    const fifty = await count(50);
    expect(fifty).toBe(five);
  });

  it('sums stats per period over the runs the viewer may see', async () => {
    const a = await t.signUp('Stats');
    const b = await t.signUp('Peeker');
    await createRun(a, { startedAt: new Date().toISOString(), distance: 5000, duration: 1500, elevationGain: 20, visibility: 'PUBLIC' });
    await createRun(a, { startedAt: '2020-01-01T07:00:00Z', distance: 10000, duration: 3000, visibility: 'PUBLIC' });
    await createRun(a, { startedAt: new Date().toISOString(), distance: 8000, duration: 2400, visibility: 'PRIVATE' });
    const q = `query($u: ID!) { user(id: $u) { week: stats(period: WEEK) { runCount distance duration elevationGain averagePace } all: stats { runCount distance duration } } }`;
    type Stats = {
      user: {
        week: { runCount: number; distance: number; duration: number; elevationGain: number; averagePace: number | null };
        all: { runCount: number; distance: number; duration: number };
      };
    };
    const own = ok(await t.gql<Stats>(q, { u: a.id }, a.token)).user;
    expect(own.week).toEqual({ runCount: 2, distance: 13000, duration: 3900, elevationGain: 20, averagePace: 300 });
    expect(own.all).toEqual({ runCount: 3, distance: 23000, duration: 6900 });
    const seen = ok(await t.gql<Stats>(q, { u: a.id }, b.token)).user;
    expect(seen.week).toEqual({ runCount: 1, distance: 5000, duration: 1500, elevationGain: 20, averagePace: 300 });
  });
});
