import { canView, Visibility } from '@maratron/domain';
import { APP_ROLE, VIEWER_SETTING } from '@maratron/migrations';
import { ok, startTestGateway } from './harness';
import type { TestGateway, TestUser } from './harness';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());

/** Plain SQL exactly as the server runs it: the runtime role, the viewer set for the transaction. */
async function asViewer<T = Record<string, unknown>>(viewerId: string | null, sql: string, params: unknown[] = []): Promise<T[]> {
  await t.sql('BEGIN');
  try {
    await t.sql(`SET LOCAL ROLE ${APP_ROLE}`);
    await t.sql(`SELECT set_config('${VIEWER_SETTING}', $1, true)`, [viewerId ?? '']);
    return await t.sql<T>(sql, params);
  } finally {
    await t.sql('ROLLBACK');
  }
}

async function run(user: TestUser, visibility: Visibility) {
  const res = ok(
    await t.gql<{ createRun: { id: string } }>(
      `mutation($input: RunInput!) { createRun(input: $input) { id } }`,
      {
        input: { startedAt: new Date(Date.now() - 86400_000).toISOString(), distance: 5000, duration: 1500, visibility },
      },
      user.token,
    ),
  );
  return res.createRun.id;
}

describe('row-level security', () => {
  it("keeps another runner's PRIVATE and FOLLOWERS runs out of plain SQL, and shows the owner everything", async () => {
    const owner = await t.signUp('Owner');
    const stranger = await t.signUp('Stranger');
    const priv = await run(owner, Visibility.PRIVATE);
    const fol = await run(owner, Visibility.FOLLOWERS);
    const pub = await run(owner, Visibility.PUBLIC);
    // The query "forgets" every filter: only the database keeps runners apart.
    const everything = `SELECT id FROM runs WHERE user_id = $1`;
    const seen = (rows: { id: string }[]) => new Set(rows.map((r) => r.id));
    expect(seen(await asViewer(stranger.id, everything, [owner.id]))).toEqual(new Set([pub]));
    expect(seen(await asViewer(owner.id, everything, [owner.id]))).toEqual(new Set([priv, fol, pub]));
    expect(await asViewer(null, everything, [owner.id])).toEqual([]);
    // The owner's view of the same table, without the role: all three.
    expect(seen(await t.sql(everything, [owner.id]))).toEqual(new Set([priv, fol, pub]));
  });

  it("refuses writes to another runner's rows even when the SQL names them", async () => {
    const owner = await t.signUp('Victim');
    const other = await t.signUp('Intruder');
    const id = await run(owner, Visibility.PUBLIC);
    await t.sql('BEGIN');
    try {
      await t.sql(`SET LOCAL ROLE ${APP_ROLE}`);
      await t.sql(`SELECT set_config('${VIEWER_SETTING}', $1, true)`, [other.id]);
      expect(await t.sql(`UPDATE runs SET distance = 1 WHERE id = $1 RETURNING id`, [id])).toEqual([]);
      expect(await t.sql(`DELETE FROM runs WHERE id = $1 RETURNING id`, [id])).toEqual([]);
      await expect(
        t.sql(`INSERT INTO runs (user_id, started_at, distance, duration) VALUES ($1, now(), 1000, 300)`, [owner.id]),
      ).rejects.toThrow(/row-level security/);
    } finally {
      await t.sql('ROLLBACK');
    }
    expect(await t.sql(`SELECT distance FROM runs WHERE id = $1`, [id])).toEqual([{ distance: 5000 }]);
  });

  it("keeps a private group's posts and another runner's import jobs out of plain SQL", async () => {
    const owner = await t.signUp('Captain');
    const member = await t.signUp('Crew');
    const outsider = await t.signUp('Outsider');
    const group = ok(
      await t.gql<{ createGroup: { id: string } }>(
        `mutation { createGroup(input: { name: "Inner circle", private: true }) { id } }`,
        {},
        owner.token,
      ),
    ).createGroup.id;
    ok(
      await t.gql(`mutation($g: ID!, $u: ID!) { inviteToGroup(groupId: $g, userId: $u) { id } }`, { g: group, u: member.id }, owner.token),
    );
    ok(await t.gql(`mutation($g: ID!) { joinGroup(groupId: $g) { id } }`, { g: group }, member.token));
    const post = ok(
      await t.gql<{ createPost: { id: string } }>(
        `mutation($g: ID) { createPost(input: { text: "members only", groupId: $g }) { id } }`,
        { g: group },
        owner.token,
      ),
    ).createPost.id;
    const posts = `SELECT id FROM posts WHERE group_id = $1`;
    expect(await asViewer(outsider.id, posts, [group])).toEqual([]);
    expect(await asViewer(member.id, posts, [group])).toEqual([{ id: post }]);
    expect(await asViewer(outsider.id, `SELECT user_id FROM group_members WHERE group_id = $1`, [group])).toEqual([]);

    const [job] = await t.sql<{ id: string }>(`INSERT INTO import_jobs (user_id, archive_path) VALUES ($1, '/tmp/none.zip') RETURNING id`, [
      owner.id,
    ]);
    const jobs = `SELECT id FROM import_jobs WHERE id = $1`;
    expect(await asViewer(outsider.id, jobs, [job.id])).toEqual([]);
    expect(await asViewer(owner.id, jobs, [job.id])).toEqual([{ id: job.id }]);
  });

  it('agrees with the app visibility rule for every relationship and visibility', async () => {
    const owner = await t.signUp('Matrix');
    const follower = await t.signUp('Follower');
    const stranger = await t.signUp('Passerby');
    ok(await t.gql(`mutation($u: ID!) { follow(userId: $u) { id } }`, { u: owner.id }, follower.token));
    const runs = new Map<Visibility, string>();
    for (const v of Object.values(Visibility)) runs.set(v, await run(owner, v));
    for (const [viewer, follows] of [
      [owner, false],
      [follower, true],
      [stranger, false],
      [null, false],
    ] as const) {
      const visible = new Set(
        (await asViewer<{ id: string }>(viewer?.id ?? null, `SELECT id FROM runs WHERE user_id = $1`, [owner.id])).map((r) => r.id),
      );
      for (const [visibility, id] of runs) {
        expect({ viewer: viewer?.username ?? 'anonymous', visibility, sees: visible.has(id) }).toEqual({
          viewer: viewer?.username ?? 'anonymous',
          visibility,
          sees: canView(viewer?.id ?? null, { userId: owner.id, visibility }, follows),
        });
      }
    }
  });
});
