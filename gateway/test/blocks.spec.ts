import { APP_ROLE, VIEWER_SETTING } from '@maratron/migrations';
import { garminConnectGpx, simulateRun } from './activity-files';
import { errorOf, ok, startTestGateway } from './harness';
import type { GqlResponse, TestGateway, TestUser } from './harness';
import { connectLive, eventually } from './live';
import type { LiveClient } from './live';

let t: TestGateway;
const clients: LiveClient[] = [];
beforeAll(async () => {
  t = await startTestGateway({ env: { BLOCKED_USERS_MAX: '2' } });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await t.close();
});

const live = (user: TestUser) => {
  const client = connectLive(t.wsUrl, user.token);
  clients.push(client);
  return client;
};
const registered = (before: number, n: number) => eventually(() => t.gateway.live.size >= before + n, `${n} subscription(s) registered`);

const gql = <T>(user: TestUser, query: string, variables: Record<string, unknown> = {}): Promise<GqlResponse<T>> =>
  t.gql<T>(query, variables, user.token);
const idOf = async (res: Promise<GqlResponse<Record<string, { id: string }>>>) => Object.values(ok(await res))[0].id;

const follow = (a: TestUser, b: TestUser) => idOf(gql(a, `mutation($u: ID!) { follow(userId: $u) { id } }`, { u: b.id }));
const block = (a: TestUser, b: TestUser) => idOf(gql(a, `mutation($u: ID!) { blockUser(userId: $u) { id } }`, { u: b.id }));
const post = (a: TestUser, input: Record<string, unknown>) =>
  idOf(gql(a, `mutation($i: PostInput!) { createPost(input: $i) { id } }`, { i: input }));
const like = (a: TestUser, postId: string) => idOf(gql(a, `mutation($p: ID!) { likePost(postId: $p) { id } }`, { p: postId }));
const comment = (a: TestUser, postId: string, text: string) =>
  idOf(gql(a, `mutation($p: ID!, $t: String!) { addComment(postId: $p, text: $t) { id } }`, { p: postId, t: text }));
const run = (a: TestUser, input: Record<string, unknown> = {}) =>
  idOf(
    gql(a, `mutation($i: RunInput!) { createRun(input: $i) { id } }`, {
      i: { startedAt: new Date(Date.now() - 3600_000).toISOString(), distance: 5000, duration: 1500, visibility: 'PUBLIC', ...input },
    }),
  );
const group = async (owner: TestUser, name: string, members: TestUser[]) => {
  const id = await idOf(gql(owner, `mutation($i: GroupInput!) { createGroup(input: $i) { id } }`, { i: { name } }));
  for (const m of members) ok(await gql(m, `mutation($g: ID!) { joinGroup(groupId: $g) { id } }`, { g: id }));
  return id;
};
const importRun = async (a: TestUser, visibility: string) => {
  const gpx = garminConnectGpx(simulateRun({ start: new Date(Date.now() - 2 * 86_400_000), plan: [{ run: 3000, pace: 300 }], seed: 7 }));
  return idOf(
    gql(a, `mutation($c: String!, $v: Visibility) { importActivity(format: GPX, content: $c, visibility: $v) { id } }`, {
      c: gpx,
      v: visibility,
    }),
  );
};
const count = async (sql: string, params: unknown[]) => (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n;

interface PostView {
  id: string;
  likeCount: number;
  commentCount: number;
  comments: { totalCount: number; edges: { node: { author: { id: string } } }[] };
}
const POST_VIEW = `id likeCount commentCount comments(first: 20) { totalCount edges { node { author { id } } } }`;
const postView = async (viewer: TestUser, id: string) =>
  ok(await gql<{ post: PostView | null }>(viewer, `query($p: ID!) { post(id: $p) { ${POST_VIEW} } }`, { p: id })).post;

describe('blocking a runner', () => {
  it('makes the blocker no one to them on every GraphQL path, while the blocker still sees them', async () => {
    const blocker = await t.signUp('Blocker');
    const blocked = await t.signUp('Blocked');
    const third = await t.signUp('Third');
    await follow(blocked, blocker);
    await follow(blocker, blocked);
    const publicRun = await importRun(blocker, 'PUBLIC');
    const blockerPost = await post(blocker, { text: 'my public post' });
    const club = await group(third, 'Third club', [blocker, blocked]);
    const blockersGroup = await group(blocker, 'Blocker club', [blocked]);
    const thirdPost = await post(third, { text: 'hello all' });
    const blockerClubPost = await post(blocker, { text: 'to the club', groupId: club });
    await comment(blocker, thirdPost, 'from the blocker');
    await like(blocker, thirdPost);
    await comment(blocked, thirdPost, 'from the blocked');
    await run(blocker, { distance: 20000, duration: 6000 });
    await run(blocked, { distance: 5000, duration: 1500 });
    // Before: the blocked runner sees the blocker.
    expect(
      ok(await gql<{ user: { id: string } | null }>(blocked, `query($u: ID!) { user(id: $u) { id } }`, { u: blocker.id })).user,
    ).toEqual({ id: blocker.id });

    const res = await gql<{ blockUser: { id: string; isBlockedByViewer: boolean; isFollowedByViewer: boolean } }>(
      blocker,
      `mutation($u: ID!) { blockUser(userId: $u) { id isBlockedByViewer isFollowedByViewer } }`,
      { u: blocked.id },
    );
    expect(ok(res).blockUser).toEqual({ id: blocked.id, isBlockedByViewer: true, isFollowedByViewer: false });
    // Idempotent.
    await block(blocker, blocked);

    // The profile: not by id, not by username, not in search.
    const byId = await gql<{ user: null }>(blocked, `query($u: ID!) { user(id: $u) { id } }`, { u: blocker.id });
    expect(ok(byId).user).toBeNull();
    const byName = await gql<{ user: null }>(blocked, `query($n: String!) { user(username: $n) { id } }`, { n: blocker.username });
    expect(ok(byName).user).toBeNull();
    const search = async (viewer: TestUser, q: string) =>
      ok(
        await gql<{ searchUsers: { id: string }[] }>(viewer, `query($q: String!) { searchUsers(query: $q) { id } }`, { q }),
      ).searchUsers.map((u) => u.id);
    expect(await search(blocked, blocker.username)).toEqual([]);
    expect(await search(third, blocker.username)).toEqual([blocker.id]);

    // Runs: by id, by runner, and the GPX download — as for a run that doesn't exist.
    expect(ok(await gql<{ run: null }>(blocked, `query($r: ID!) { run(id: $r) { id } }`, { r: publicRun })).run).toBeNull();
    const runs = await gql<{ runs: { totalCount: number; edges: unknown[] } }>(
      blocked,
      `query($u: ID!) { runs(userId: $u) { totalCount edges { node { id } } } }`,
      { u: blocker.id },
    );
    expect(ok(runs).runs).toEqual({ totalCount: 0, edges: [] });
    const gpx = (viewer: TestUser) => fetch(`${t.url}/api/runs/${publicRun}.gpx`, { headers: { authorization: `Bearer ${viewer.token}` } });
    const refused = await gpx(blocked);
    expect(refused.status).toBe(404);
    expect(await refused.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Run not found' } });
    expect((await gpx(third)).status).toBe(200);

    // Posts, the feed, comments and kudos.
    expect(await postView(blocked, blockerPost)).toBeNull();
    const feed = await gql<{ feed: { edges: { node: { author: { id: string } } }[] } }>(
      blocked,
      `{ feed(first: 50) { edges { node { author { id } } } } }`,
    );
    expect(ok(feed).feed.edges.map((e) => e.node.author.id)).not.toContain(blocker.id);
    expect(await postView(blocked, blockerClubPost)).toBeNull();
    expect(await postView(third, blockerClubPost)).not.toBeNull();
    expect(await postView(blocked, thirdPost)).toEqual({
      id: thirdPost,
      likeCount: 0,
      commentCount: 1,
      comments: { totalCount: 1, edges: [{ node: { author: { id: blocked.id } } }] },
    });
    expect(await postView(third, thirdPost)).toMatchObject({ likeCount: 1, commentCount: 2, comments: { totalCount: 2 } });

    // Groups: the blocker's own group is gone for them (and they from it); in a third runner's
    // group the blocker is not a member they can see, nor on its leaderboard.
    expect(ok(await gql<{ group: null }>(blocked, `query($g: ID!) { group(id: $g) { id } }`, { g: blockersGroup })).group).toBeNull();
    expect(await count(`group_members WHERE group_id = $1 AND user_id = $2`, [blockersGroup, blocked.id])).toBe(0);
    const named = async (viewer: TestUser) =>
      ok(
        await gql<{ groups: { edges: { node: { id: string } }[] } }>(viewer, `{ groups(query: "Blocker club") { edges { node { id } } } }`),
      ).groups.edges.map((e) => e.node.id);
    expect(await named(blocked)).toEqual([]);
    expect(await named(third)).toEqual([blockersGroup]);
    const members = async (viewer: TestUser) =>
      ok(
        await gql<{ group: { memberCount: number; members: { totalCount: number; edges: { node: { id: string } }[] } } }>(
          viewer,
          `query($g: ID!) { group(id: $g) { memberCount members(first: 20) { totalCount edges { node { id } } } } }`,
          { g: club },
        ),
      ).group;
    expect(await members(blocked)).toEqual({
      memberCount: 2,
      members: { totalCount: 2, edges: [{ node: { id: third.id } }, { node: { id: blocked.id } }] },
    });
    expect((await members(third)).memberCount).toBe(3);
    const board = async (viewer: TestUser, groupId: string | null) =>
      ok(
        await gql<{ leaderboard: { user: { id: string } }[] }>(
          viewer,
          `query($g: ID) { leaderboard(period: ALL_TIME, groupId: $g) { user { id } } }`,
          { g: groupId },
        ),
      ).leaderboard.map((e) => e.user.id);
    expect(await board(blocked, club)).toEqual([blocked.id, third.id]);
    expect(await board(third, club)).toEqual([blocker.id, blocked.id, third.id]);
    expect(await board(blocked, null)).toEqual([blocked.id]);

    // Nothing of theirs can reach the blocker: no follow, kudos or comment (as for no one).
    for (const [query, variables] of [
      [`mutation($u: ID!) { follow(userId: $u) { id } }`, { u: blocker.id }],
      [`mutation($p: ID!) { likePost(postId: $p) { id } }`, { p: blockerPost }],
      [`mutation($p: ID!) { addComment(postId: $p, text: "hey") { id } }`, { p: blockerPost }],
      [`mutation($u: ID!) { blockUser(userId: $u) { id } }`, { u: blocker.id }],
    ] as const) {
      expect(errorOf(await gql(blocked, query, variables)).code).toBe('NOT_FOUND');
    }
    expect(await count(`follows WHERE follower_id = $1`, [blocked.id])).toBe(0);

    // The blocker still sees them, and cannot follow them until they unblock.
    const seen = await gql<{ user: { id: string; isBlockedByViewer: boolean; viewerFollowState: string } }>(
      blocker,
      `query($u: ID!) { user(id: $u) { id isBlockedByViewer viewerFollowState } }`,
      { u: blocked.id },
    );
    expect(ok(seen).user).toEqual({ id: blocked.id, isBlockedByViewer: true, viewerFollowState: 'NONE' });
    expect(ok(await gql<{ blockedUsers: { id: string }[] }>(blocker, `{ blockedUsers { id } }`)).blockedUsers).toEqual([
      { id: blocked.id },
    ]);
    expect(errorOf(await gql(blocker, `mutation($u: ID!) { follow(userId: $u) { id } }`, { u: blocked.id }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'userId',
    });
    // Blocking is silent, and what the blocker does is not told to them.
    const blockedPost = await post(blocked, { text: 'still here' });
    await like(blocker, blockedPost);
    const notes = ok(
      await gql<{ notifications: { edges: { node: { kind: string; actor: { id: string } } }[] } }>(
        blocked,
        `{ notifications(first: 50) { edges { node { kind actor { id } } } } }`,
      ),
    ).notifications.edges.map((e) => e.node.actor.id);
    expect(notes).not.toContain(blocker.id);
    expect(await count(`notifications WHERE user_id = $1 AND actor_id = $2 AND kind = 'LIKED'`, [blocked.id, blocker.id])).toBe(0);
    // …nor what they do to the blocker: a post in the club they share notifies its other members only.
    const clubNews = await post(blocked, { text: 'club news', groupId: club });
    const told = await t.sql<{ user_id: string }>(`SELECT user_id FROM notifications WHERE post_id = $1 AND kind = 'GROUP_POST'`, [
      clubNews,
    ]);
    expect(told).toEqual([{ user_id: third.id }]);
  });

  it('leaves nothing behind — follows and pending requests both ways — and unblocking gives nothing back', async () => {
    const a = await t.signUp('Ann');
    const b = await t.signUp('Ben');
    const c = await t.signUp('Cat');
    await follow(a, b);
    await follow(b, a);
    // Pending requests both ways between c and a (both APPROVAL).
    for (const u of [a, c]) ok(await gql(u, `mutation { updateProfile(input: { followPolicy: APPROVAL }) { id } }`));
    await follow(a, c);
    await follow(c, a);
    expect(await count(`follow_requests WHERE follower_id IN ($1, $2)`, [a.id, c.id])).toBe(2);
    expect(await count(`notifications WHERE kind = 'FOLLOW_REQUESTED' AND user_id IN ($1, $2)`, [a.id, c.id])).toBe(2);

    await block(a, b);
    await block(a, c);
    expect(
      await count(`follows WHERE (follower_id = $1 AND followee_id = $2) OR (follower_id = $2 AND followee_id = $1)`, [a.id, b.id]),
    ).toBe(0);
    expect(
      await count(`follow_requests WHERE (follower_id = $1 AND followee_id = $2) OR (follower_id = $2 AND followee_id = $1)`, [a.id, c.id]),
    ).toBe(0);
    expect(await count(`notifications WHERE kind = 'FOLLOW_REQUESTED' AND user_id IN ($1, $2)`, [a.id, c.id])).toBe(0);
    expect(ok(await gql<{ followRequests: unknown[] }>(a, `{ followRequests { id } }`)).followRequests).toEqual([]);
    expect(ok(await gql<{ followRequests: unknown[] }>(c, `{ followRequests { id } }`)).followRequests).toEqual([]);

    const unblocked = await gql<{ unblockUser: { id: string; isBlockedByViewer: boolean; isFollowedByViewer: boolean } }>(
      a,
      `mutation($u: ID!) { unblockUser(userId: $u) { id isBlockedByViewer isFollowedByViewer } }`,
      { u: b.id },
    );
    expect(ok(unblocked).unblockUser).toEqual({ id: b.id, isBlockedByViewer: false, isFollowedByViewer: false });
    // b sees a again, follows nobody, and may follow again.
    const relation = await gql<{ user: { id: string; isFollowedByViewer: boolean; followerCount: number } | null }>(
      b,
      `query($u: ID!) { user(id: $u) { id isFollowedByViewer followerCount } }`,
      { u: a.id },
    );
    expect(ok(relation).user).toEqual({ id: a.id, isFollowedByViewer: false, followerCount: 0 });
    await follow(b, a);
    expect(ok(await gql<{ blockedUsers: { id: string }[] }>(a, `{ blockedUsers { id } }`)).blockedUsers).toEqual([{ id: c.id }]);
  });

  it('lists the runners the viewer blocked, the latest first, at most BLOCKED_USERS_MAX', async () => {
    const me = await t.signUp('Strict');
    const others = [await t.signUp('One'), await t.signUp('Two'), await t.signUp('Three')];
    for (const other of others) await block(me, other);
    const listed = ok(await gql<{ blockedUsers: { id: string }[] }>(me, `{ blockedUsers { id } }`)).blockedUsers;
    expect(listed).toEqual([{ id: others[2].id }, { id: others[1].id }]);
    // The oldest block still holds, listed or not.
    const hidden = await gql<{ user: null }>(others[0], `query($u: ID!) { user(id: $u) { id } }`, { u: me.id });
    expect(ok(hidden).user).toBeNull();
  });

  it('refuses blocking yourself, and a runner who does not exist', async () => {
    const a = await t.signUp('Solo');
    for (const op of ['blockUser', 'unblockUser']) {
      const self = await gql(a, `mutation($u: ID!) { ${op}(userId: $u) { id } }`, { u: a.id });
      expect(errorOf(self)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userId' });
      const nobody = await gql(a, `mutation { ${op}(userId: "00000000-0000-4000-8000-000000000000") { id } }`);
      expect(errorOf(nobody).code).toBe('NOT_FOUND');
    }
    expect(await count(`blocks WHERE blocker_id = $1`, [a.id])).toBe(0);
  });
});

describe('blocks over graphql-ws', () => {
  it("never delivers the blocker's posts, comments, kudos or leaderboard moves to the blocked runner", async () => {
    const blocker = await t.signUp('Quiet');
    const blocked = await t.signUp('Pest');
    const third = await t.signUp('Host');
    const club = await group(third, 'Open club', [blocker, blocked]);
    const thirdPost = await post(third, { text: 'club news', groupId: club });
    await block(blocker, blocked);

    const FEED = `subscription { feedPostAdded { id author { id } } }`;
    const COMMENTS = `subscription($p: ID!) { commentAdded(postId: $p) { id author { id } } }`;
    const UPDATES = `subscription($p: ID!) { postUpdated(postId: $p) { id likeCount commentCount } }`;
    const BOARD = `subscription($g: ID) { leaderboardUpdated(period: WEEK, groupId: $g) { user { id } } }`;
    const before = t.gateway.live.size;
    const subs = [blocked, third].map((u) => {
      const client = live(u);
      return {
        feed: client.subscribe<{ feedPostAdded: { id: string; author: { id: string } } }>(FEED),
        comments: client.subscribe<{ commentAdded: { id: string; author: { id: string } } }>(COMMENTS, { p: thirdPost }),
        updates: client.subscribe<{ postUpdated: { likeCount: number; commentCount: number } }>(UPDATES, { p: thirdPost }),
        board: client.subscribe<{ leaderboardUpdated: { user: { id: string } }[] }>(BOARD, { g: club }),
      };
    });
    await registered(before, 8);
    const [forBlocked, forThird] = subs;

    // The blocker posts in the club, comments, gives kudos and logs a run: the third runner hears of each.
    const blockerPost = await post(blocker, { text: 'in the club', groupId: club });
    expect((await forThird.feed.next()).data!.feedPostAdded).toEqual({ id: blockerPost, author: { id: blocker.id } });
    const blockerComment = await comment(blocker, thirdPost, 'me too');
    expect((await forThird.comments.next()).data!.commentAdded).toEqual({ id: blockerComment, author: { id: blocker.id } });
    expect((await forThird.updates.next()).data!.postUpdated).toMatchObject({ commentCount: 1 });
    await like(blocker, thirdPost);
    expect((await forThird.updates.next()).data!.postUpdated).toMatchObject({ likeCount: 1, commentCount: 1 });
    await run(blocker, { distance: 9000, duration: 2700 });
    expect((await forThird.board.next()).data!.leaderboardUpdated.map((e) => e.user.id)).toContain(blocker.id);

    // Then the third runner does the same; for the blocked runner these are the first to arrive,
    // as they see them: without the blocker's comment, kudos or place on the board.
    const thirdNext = await post(third, { text: 'marker', groupId: club });
    const thirdComment = await comment(third, thirdPost, 'welcome');
    await run(third, { distance: 3000, duration: 900 });
    expect((await forBlocked.feed.next()).data!.feedPostAdded).toEqual({ id: thirdNext, author: { id: third.id } });
    expect((await forBlocked.comments.next()).data!.commentAdded).toEqual({ id: thirdComment, author: { id: third.id } });
    expect((await forBlocked.updates.next()).data!.postUpdated).toEqual({ id: thirdPost, likeCount: 0, commentCount: 1 });
    expect((await forBlocked.board.next()).data!.leaderboardUpdated.map((e) => e.user.id).sort()).toEqual([blocked.id, third.id].sort());
    // …while the third runner, whose subscriptions share the same documents, still sees everything.
    expect((await forThird.updates.next()).data!.postUpdated).toMatchObject({ likeCount: 1, commentCount: 2 });
    expect(forBlocked.feed.results).toHaveLength(1);

    // Watching the blocker's post is refused as for a post that doesn't exist.
    const client = live(blocked);
    for (const query of [UPDATES, COMMENTS]) {
      const watch = await client.subscribe(query, { p: blockerPost }).next();
      expect(watch.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
  });
});

describe('blocks in the database', () => {
  /** Plain SQL exactly as the server runs it: the runtime role, the viewer set for the transaction — and no filter of our own. */
  async function asViewer<T>(viewerId: string, sql: string, params: unknown[] = []): Promise<T[]> {
    await t.sql('BEGIN');
    try {
      await t.sql(`SET LOCAL ROLE ${APP_ROLE}`);
      await t.sql(`SELECT set_config('${VIEWER_SETTING}', $1, true)`, [viewerId]);
      return await t.sql<T>(sql, params);
    } finally {
      await t.sql('ROLLBACK');
    }
  }

  it('hides every row of the blocker from the blocked runner under the runtime role, and the block itself', async () => {
    const blocker = await t.signUp('Owner');
    const blocked = await t.signUp('Watcher');
    const third = await t.signUp('Neutral');
    const runId = await importRun(blocker, 'PUBLIC');
    const thirdPost = await post(third, { text: 'open to all' });
    await post(blocker, { text: 'mine' });
    await comment(blocker, thirdPost, 'hi');
    await like(blocker, thirdPost);
    await follow(blocker, blocked);
    await block(blocker, blocked);

    const queries: [string, string][] = [
      ['users', `SELECT id FROM users WHERE id = $1`],
      ['runs', `SELECT id FROM runs WHERE user_id = $1`],
      ['shoes', `SELECT id FROM shoes WHERE user_id = $1`],
      ['posts', `SELECT id FROM posts WHERE user_id = $1`],
      ['comments', `SELECT id FROM comments WHERE user_id = $1`],
      ['post_likes', `SELECT post_id FROM post_likes WHERE user_id = $1`],
      ['notifications', `SELECT id FROM notifications WHERE actor_id = $1`],
    ];
    ok(await gql(blocker, `mutation { createShoe(input: { name: "Hidden shoe" }) { id } }`));
    for (const [table, sql] of queries) {
      // The third runner sees the blocker's rows (there is something to hide)…
      expect({ table, rows: (await asViewer(third.id, sql, [blocker.id])).length > 0 }).toEqual({ table, rows: true });
      // …the blocked runner sees none of them.
      expect({ table, rows: await asViewer(blocked.id, sql, [blocker.id]) }).toEqual({ table, rows: [] });
    }
    // The run's recording and splits, through the one way to read another runner's: the third runner gets them, the blocked one nothing.
    const track = `SELECT count(*)::int AS n FROM maratron_run_track($1)`;
    expect((await asViewer<{ n: number }>(third.id, track, [runId]))[0].n).toBeGreaterThan(0);
    expect(await asViewer(blocked.id, track, [runId])).toEqual([{ n: 0 }]);
    const splits = `SELECT run_id FROM maratron_run_splits(ARRAY[$1::uuid])`;
    expect(await asViewer(third.id, splits, [runId])).toEqual([{ run_id: runId }]);
    expect(await asViewer(blocked.id, splits, [runId])).toEqual([]);
    // The counts read past row-level security leave the blocker out too.
    expect(await asViewer(blocked.id, `SELECT likes, comments FROM maratron_post_counts(ARRAY[$1::uuid])`, [thirdPost])).toEqual([
      { likes: 0, comments: 0 },
    ]);
    expect(await asViewer(third.id, `SELECT likes, comments FROM maratron_post_counts(ARRAY[$1::uuid])`, [thirdPost])).toEqual([
      { likes: 1, comments: 1 },
    ]);
    // Who blocked whom: the blocker reads their block, the blocked runner can't learn of it.
    expect(await asViewer(blocker.id, `SELECT blocked_id FROM blocks`)).toEqual([{ blocked_id: blocked.id }]);
    expect(await asViewer(blocked.id, `SELECT blocker_id FROM blocks`)).toEqual([]);
    // The blocked runner writes nothing toward the blocker: no follow, request, kudos or comment.
    const [blockerPost] = await t.sql<{ id: string }>(`SELECT id FROM posts WHERE user_id = $1`, [blocker.id]);
    for (const [sql, params] of [
      [`INSERT INTO follows (follower_id, followee_id) VALUES ($1, $2)`, [blocked.id, blocker.id]],
      [`INSERT INTO post_likes (post_id, user_id) VALUES ($1, $2)`, [blockerPost.id, blocked.id]],
      [`INSERT INTO comments (post_id, user_id, text) VALUES ($1, $2, 'x')`, [blockerPost.id, blocked.id]],
    ] as const) {
      await expect(asViewer(blocked.id, sql, [...params])).rejects.toThrow(/row-level security/);
    }
    ok(await gql(blocker, `mutation { updateProfile(input: { followPolicy: APPROVAL }) { id } }`));
    await expect(
      asViewer(blocked.id, `INSERT INTO follow_requests (follower_id, followee_id) VALUES ($1, $2)`, [blocked.id, blocker.id]),
    ).rejects.toThrow(/row-level security/);
  });
});
