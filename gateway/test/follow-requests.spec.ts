import { errorOf, ok, startTestGateway } from './harness';
import type { TestGateway, TestUser } from './harness';
import { APP_ROLE, VIEWER_SETTING } from '@maratron/migrations';
import { connectLive, eventually } from './live';
import type { LiveClient } from './live';

let t: TestGateway;
const clients: LiveClient[] = [];
beforeAll(async () => {
  t = await startTestGateway({ env: { FOLLOW_REQUESTS_MAX: '3' } });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await t.close();
});

type FollowState = 'NONE' | 'REQUESTED' | 'FOLLOWING';
interface Relation {
  id: string;
  viewerFollowState: FollowState;
  isFollowedByViewer: boolean;
  followerCount: number;
}
interface Note {
  kind: string;
  actor: { id: string };
}

const RELATION = `id viewerFollowState isFollowedByViewer followerCount`;

async function setPolicy(user: TestUser, followPolicy: 'OPEN' | 'APPROVAL') {
  const res = await t.gql<{ updateProfile: { followPolicy: string } }>(
    `mutation($p: FollowPolicy) { updateProfile(input: { followPolicy: $p }) { followPolicy } }`,
    { p: followPolicy },
    user.token,
  );
  expect(ok(res).updateProfile.followPolicy).toBe(followPolicy);
}

async function follow(user: TestUser, target: TestUser): Promise<Relation> {
  return ok(await t.gql<{ follow: Relation }>(`mutation($u: ID!) { follow(userId: $u) { ${RELATION} } }`, { u: target.id }, user.token))
    .follow;
}

async function relation(viewer: TestUser, target: TestUser): Promise<Relation> {
  const res = await t.gql<{ user: Relation | null }>(`query($u: ID!) { user(id: $u) { ${RELATION} } }`, { u: target.id }, viewer.token);
  const user = ok(res).user;
  if (!user) throw new Error('user not found');
  return user;
}

async function requests(user: TestUser) {
  return ok(
    await t.gql<{ followRequests: { id: string; from: { id: string }; createdAt: string }[] }>(
      `{ followRequests { id from { id } createdAt } }`,
      {},
      user.token,
    ),
  ).followRequests;
}

async function notes(user: TestUser): Promise<Note[]> {
  const res = await t.gql<{ notifications: { edges: { node: Note }[] } }>(
    `{ notifications(first: 50) { edges { node { kind actor { id } } } } }`,
    {},
    user.token,
  );
  return ok(res).notifications.edges.map((e) => e.node);
}

async function run(user: TestUser, visibility: 'PUBLIC' | 'FOLLOWERS' | 'PRIVATE'): Promise<string> {
  const input = { startedAt: new Date(Date.now() - 3600_000).toISOString(), distance: 8000, duration: 2600, visibility };
  return ok(await t.gql<{ createRun: { id: string } }>(`mutation($i: RunInput!) { createRun(input: $i) { id } }`, { i: input }, user.token))
    .createRun.id;
}

/** The ids of `owner`'s runs that `viewer` sees, through `user.runs` and through `run(id)` for each of `ids`. */
async function visibleRuns(viewer: TestUser, owner: TestUser, ids: string[]) {
  const listed = ok(
    await t.gql<{ user: { runs: { edges: { node: { id: string } }[] } } }>(
      `query($u: ID!) { user(id: $u) { runs(first: 20) { edges { node { id } } } } }`,
      { u: owner.id },
      viewer.token,
    ),
  ).user.runs.edges.map((e) => e.node.id);
  const byId: string[] = [];
  for (const id of ids) {
    const found = ok(await t.gql<{ run: { id: string } | null }>(`query($r: ID!) { run(id: $r) { id } }`, { r: id }, viewer.token)).run;
    if (found) byId.push(found.id);
  }
  return { listed: listed.sort(), byId: byId.sort() };
}

function live(user: TestUser) {
  const client = connectLive(t.wsUrl, user.token);
  clients.push(client);
  return client;
}

const LIVE_NOTES = `subscription { notificationAdded { kind actor { id } } }`;

describe('follow requests (followPolicy APPROVAL)', () => {
  it('asks instead of following; FOLLOWERS runs stay hidden until the runner approves; a notification each way, live', async () => {
    const runner = await t.signUp('Careful');
    const asker = await t.signUp('Asker');
    expect(ok(await t.gql<{ me: { followPolicy: string } }>(`{ me { followPolicy } }`, {}, runner.token)).me.followPolicy).toBe('OPEN');
    await setPolicy(runner, 'APPROVAL');
    const publicRun = await run(runner, 'PUBLIC');
    const followersRun = await run(runner, 'FOLLOWERS');
    const before = t.gateway.live.size;
    const runnerLive = live(runner);
    const askerLive = live(asker);
    const runnerNotes = runnerLive.subscribe<{ notificationAdded: Note }>(LIVE_NOTES);
    const askerNotes = askerLive.subscribe<{ notificationAdded: Note }>(LIVE_NOTES);
    await eventually(() => t.gateway.live.size >= before + 2, 'two subscriptions registered');

    const asked = await follow(asker, runner);
    expect(asked).toEqual({ id: runner.id, viewerFollowState: 'REQUESTED', isFollowedByViewer: false, followerCount: 0 });
    // Asking again changes nothing and notifies nobody again.
    expect((await follow(asker, runner)).viewerFollowState).toBe('REQUESTED');
    expect((await runnerNotes.next()).data!.notificationAdded).toEqual({ kind: 'FOLLOW_REQUESTED', actor: { id: asker.id } });
    expect((await notes(runner)).filter((n) => n.kind === 'FOLLOW_REQUESTED')).toHaveLength(1);

    // Until approved, nothing FOLLOWERS-only reaches the asker.
    expect(await visibleRuns(asker, runner, [publicRun, followersRun])).toEqual({ listed: [publicRun], byId: [publicRun] });
    const [request] = await requests(runner);
    expect(request).toMatchObject({ from: { id: asker.id } });
    expect(await requests(asker)).toEqual([]);

    const approved = await t.gql<{ approveFollowRequest: { id: string; isFollowedByViewer: boolean } }>(
      `mutation($id: ID!) { approveFollowRequest(id: $id) { id isFollowedByViewer } }`,
      { id: request.id },
      runner.token,
    );
    expect(ok(approved).approveFollowRequest).toEqual({ id: asker.id, isFollowedByViewer: false });
    expect((await askerNotes.next()).data!.notificationAdded).toEqual({ kind: 'FOLLOW_APPROVED', actor: { id: runner.id } });

    expect(await relation(asker, runner)).toEqual({
      id: runner.id,
      viewerFollowState: 'FOLLOWING',
      isFollowedByViewer: true,
      followerCount: 1,
    });
    const both = [publicRun, followersRun].sort();
    expect(await visibleRuns(asker, runner, [publicRun, followersRun])).toEqual({ listed: both, byId: both });
    // The request is answered: gone from the list, and its notification with it.
    expect(await requests(runner)).toEqual([]);
    expect((await notes(runner)).map((n) => n.kind)).not.toContain('FOLLOW_REQUESTED');
    expect(await notes(asker)).toEqual([{ kind: 'FOLLOW_APPROVED', actor: { id: runner.id } }]);
    // Approving it again: it is no longer pending.
    const again = await t.gql(`mutation($id: ID!) { approveFollowRequest(id: $id) { id } }`, { id: request.id }, runner.token);
    expect(errorOf(again).code).toBe('NOT_FOUND');
  });

  it('declines silently; only the runner asked can answer; unfollow withdraws a pending request', async () => {
    const runner = await t.signUp('Picky');
    const asker = await t.signUp('Hopeful');
    const other = await t.signUp('Meddler');
    await setPolicy(runner, 'APPROVAL');
    await follow(asker, runner);
    const [request] = await requests(runner);

    // Another runner's request is not found — for a third runner and for the asker alike.
    for (const user of [other, asker]) {
      for (const op of ['approveFollowRequest(id: $id) { id }', 'declineFollowRequest(id: $id)']) {
        expect(errorOf(await t.gql(`mutation($id: ID!) { ${op} }`, { id: request.id }, user.token)).code).toBe('NOT_FOUND');
      }
    }
    expect(errorOf(await t.gql(`mutation { declineFollowRequest(id: "nope") }`, {}, runner.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });

    const declined = await t.gql<{ declineFollowRequest: string }>(
      `mutation($id: ID!) { declineFollowRequest(id: $id) }`,
      { id: request.id },
      runner.token,
    );
    expect(ok(declined).declineFollowRequest).toBe(request.id);
    expect(await requests(runner)).toEqual([]);
    expect((await relation(asker, runner)).viewerFollowState).toBe('NONE');
    expect(await notes(asker)).toEqual([]);
    expect(await notes(runner)).toEqual([]);

    // Asking again is a new request (and a new notification); unfollow withdraws it, notification too.
    expect((await follow(asker, runner)).viewerFollowState).toBe('REQUESTED');
    expect(await notes(runner)).toEqual([{ kind: 'FOLLOW_REQUESTED', actor: { id: asker.id } }]);
    const withdrawn = await t.gql<{ unfollow: Relation }>(
      `mutation($u: ID!) { unfollow(userId: $u) { ${RELATION} } }`,
      { u: runner.id },
      asker.token,
    );
    expect(ok(withdrawn).unfollow.viewerFollowState).toBe('NONE');
    expect(await requests(runner)).toEqual([]);
    expect(await notes(runner)).toEqual([]);
    expect(await t.sql(`SELECT count(*)::int AS n FROM follow_requests WHERE followee_id = $1`, [runner.id])).toEqual([{ n: 0 }]);
  });

  it('lists pending requests newest first, at most FOLLOW_REQUESTS_MAX, and prices the list at that many', async () => {
    const runner = await t.signUp('Popular');
    await setPolicy(runner, 'APPROVAL');
    const askers: TestUser[] = [];
    for (let i = 0; i < 4; i++) {
      const asker = await t.signUp(`Fan${i}`);
      await follow(asker, runner);
      askers.push(asker);
    }
    const listed = await requests(runner);
    expect(listed.map((r) => r.from.id)).toEqual([askers[3].id, askers[2].id, askers[1].id]);
    // With FOLLOW_REQUESTS_MAX=3, a selection of tracks inside the list costs three times its page.
    const costly = await t.gql(`{ followRequests { from { runs(first: 20) { edges { node { track } } } } } }`, {}, runner.token);
    expect(costly.status).toBe(400);
    expect(errorOf(costly).code).toBe('GRAPHQL_VALIDATION_FAILED');
    // One page of 20 tracks alone (about 40,000) is within QUERY_MAX_COST; three of them are not.
    expect(errorOf(costly).message).toMatch(/^Query cost \d+ exceeds the limit of 50000/);
  });

  it('switching back to OPEN lets every pending asker in; switching to APPROVAL keeps every follower', async () => {
    const runner = await t.signUp('Changing');
    const early = await t.signUp('Early');
    const a = await t.signUp('AskerA');
    const b = await t.signUp('AskerB');
    expect((await follow(early, runner)).viewerFollowState).toBe('FOLLOWING');
    await setPolicy(runner, 'APPROVAL');
    expect((await relation(early, runner)).viewerFollowState).toBe('FOLLOWING');
    await follow(a, runner);
    await follow(b, runner);
    expect(await requests(runner)).toHaveLength(2);

    await setPolicy(runner, 'OPEN');
    expect(await requests(runner)).toEqual([]);
    for (const asker of [a, b]) {
      expect((await relation(asker, runner)).viewerFollowState).toBe('FOLLOWING');
      expect(await notes(asker)).toEqual([{ kind: 'FOLLOW_APPROVED', actor: { id: runner.id } }]);
    }
    expect((await relation(early, runner)).followerCount).toBe(3);
    // Setting OPEN again (nothing pending) changes nothing.
    await setPolicy(runner, 'OPEN');
    expect((await relation(early, runner)).followerCount).toBe(3);
  });

  it('is held by the database: a follow of an APPROVAL runner cannot be written without their approval', async () => {
    const runner = await t.signUp('Guarded');
    const sneaky = await t.signUp('Sneaky');
    await setPolicy(runner, 'APPROVAL');
    await t.sql('BEGIN');
    try {
      await t.sql(`SET LOCAL ROLE ${APP_ROLE}`);
      await t.sql(`SELECT set_config('${VIEWER_SETTING}', $1, true)`, [sneaky.id]);
      await expect(t.sql(`INSERT INTO follows (follower_id, followee_id) VALUES ($1, $2)`, [sneaky.id, runner.id])).rejects.toThrow(
        /row-level security/,
      );
    } finally {
      await t.sql('ROLLBACK');
    }
    expect((await relation(sneaky, runner)).viewerFollowState).toBe('NONE');
  });
});

describe('removeFollower', () => {
  it('drops a follower silently, idempotently; under APPROVAL they must ask again', async () => {
    const runner = await t.signUp('Tidy');
    const follower = await t.signUp('Lingering');
    const followersRun = await run(runner, 'FOLLOWERS');
    await follow(follower, runner);
    expect((await visibleRuns(follower, runner, [followersRun])).byId).toEqual([followersRun]);
    const notesBefore = await notes(follower);
    // The runner sees who follows them (the web client offers "Remove follower" only then); the follower sees the reverse.
    const followsViewer = async (viewer: TestUser, of: TestUser) =>
      ok(await t.gql<{ user: { followsViewer: boolean } }>(`query($u: ID!) { user(id: $u) { followsViewer } }`, { u: of.id }, viewer.token))
        .user.followsViewer;
    expect(await followsViewer(runner, follower)).toBe(true);
    expect(await followsViewer(follower, runner)).toBe(false);
    expect(await followsViewer(runner, runner)).toBe(false);

    const removed = await t.gql<{ removeFollower: { id: string; isFollowedByViewer: boolean; followsViewer: boolean } }>(
      `mutation($u: ID!) { removeFollower(userId: $u) { id isFollowedByViewer followsViewer } }`,
      { u: follower.id },
      runner.token,
    );
    expect(ok(removed).removeFollower).toEqual({ id: follower.id, isFollowedByViewer: false, followsViewer: false });
    expect(await followsViewer(runner, follower)).toBe(false);
    expect(await relation(follower, runner)).toEqual({
      id: runner.id,
      viewerFollowState: 'NONE',
      isFollowedByViewer: false,
      followerCount: 0,
    });
    expect(await visibleRuns(follower, runner, [followersRun])).toEqual({ listed: [], byId: [] });
    expect(await notes(follower)).toEqual(notesBefore);
    // Again: nothing to remove, same answer.
    ok(await t.gql(`mutation($u: ID!) { removeFollower(userId: $u) { id } }`, { u: follower.id }, runner.token));

    await setPolicy(runner, 'APPROVAL');
    expect((await follow(follower, runner)).viewerFollowState).toBe('REQUESTED');

    expect(errorOf(await t.gql(`mutation($u: ID!) { removeFollower(userId: $u) { id } }`, { u: runner.id }, runner.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'userId',
    });
    const unknown = await t.gql(`mutation { removeFollower(userId: "00000000-0000-4000-8000-000000000000") { id } }`, {}, runner.token);
    expect(errorOf(unknown).code).toBe('NOT_FOUND');
  });
});

describe('viewerFollowState and isBlockedByViewer', () => {
  it('load in a fixed number of statements however many runners are listed', async () => {
    const me = await t.signUp('Counter');
    const prefix = `cnt${Date.now().toString(36)}`;
    const others: TestUser[] = [];
    for (let i = 0; i < 6; i++) others.push(await t.signUp(`${prefix}x${i}`));
    await follow(me, others[0]);
    await setPolicy(others[1], 'APPROVAL');
    await follow(me, others[1]);
    ok(await t.gql(`mutation($u: ID!) { blockUser(userId: $u) { id } }`, { u: others[2].id }, me.token));
    const search = async (n: number) => {
      const before = t.statements.count;
      const res = await t.gql<{ searchUsers: { id: string; viewerFollowState: FollowState; isBlockedByViewer: boolean }[] }>(
        `query($q: String!, $n: Int) { searchUsers(query: $q, first: $n) { id viewerFollowState isBlockedByViewer } }`,
        { q: prefix, n },
        me.token,
      );
      const users = ok(res).searchUsers;
      expect(users).toHaveLength(n);
      return { statements: t.statements.count - before, users };
    };
    const few = await search(2);
    const many = await search(6);
    expect(many.statements).toBe(few.statements);
    const byId = new Map(many.users.map((u) => [u.id, u]));
    expect(byId.get(others[0].id)).toMatchObject({ viewerFollowState: 'FOLLOWING', isBlockedByViewer: false });
    expect(byId.get(others[1].id)).toMatchObject({ viewerFollowState: 'REQUESTED', isBlockedByViewer: false });
    expect(byId.get(others[2].id)).toMatchObject({ viewerFollowState: 'NONE', isBlockedByViewer: true });
    expect(byId.get(others[3].id)).toMatchObject({ viewerFollowState: 'NONE', isBlockedByViewer: false });
  });
});
