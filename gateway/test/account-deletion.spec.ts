// deleteAccount: the password confirms it; the account and everything it owns go in one
// transaction; its groups go to their longest-standing member; other runners' counts and feeds no
// longer show it; its token stops working at once (HTTP, /api routes and WebSocket).
import { errorOf, ok, startTestGateway, TEST_PASSWORD } from './harness';
import type { Edges, TestGateway, TestUser } from './harness';
import { connectLive } from './live';
import { socialFixtures } from './social-fixtures';

let t: TestGateway;
let social: ReturnType<typeof socialFixtures>;
beforeAll(async () => {
  t = await startTestGateway();
  social = socialFixtures(t);
});
afterAll(() => t.close());

const DELETE = `mutation($p: String!) { deleteAccount(password: $p) }`;

/** Rows that are the account's or point at it, in every table that references users. */
async function rowsOf(user: TestUser) {
  const [row] = await t.sql(
    `SELECT (SELECT count(*)::int FROM users WHERE id = $1) AS users,
            (SELECT count(*)::int FROM training_profiles WHERE user_id = $1) AS profiles,
            (SELECT count(*)::int FROM runs WHERE user_id = $1) AS runs,
            (SELECT count(*)::int FROM run_tracks k JOIN runs r ON r.id = k.run_id WHERE r.user_id = $1) AS tracks,
            (SELECT count(*)::int FROM run_efforts WHERE user_id = $1) AS efforts,
            (SELECT count(*)::int FROM shoes WHERE user_id = $1) AS shoes,
            (SELECT count(*)::int FROM posts WHERE user_id = $1) AS posts,
            (SELECT count(*)::int FROM comments WHERE user_id = $1) AS comments,
            (SELECT count(*)::int FROM post_likes WHERE user_id = $1) AS likes,
            (SELECT count(*)::int FROM follows WHERE follower_id = $1 OR followee_id = $1) AS follows,
            (SELECT count(*)::int FROM group_members WHERE user_id = $1) AS memberships,
            (SELECT count(*)::int FROM groups WHERE owner_id = $1) AS groups,
            (SELECT count(*)::int FROM notifications WHERE user_id = $1 OR actor_id = $1) AS notifications`,
    [user.id],
  );
  return row as Record<string, number>;
}

/** Leaver: runs (one from a file), a shoe, a post, a comment and a like on Other's post, follows both ways, a membership, two owned groups. */
async function scene() {
  const leaver = await t.signUp('Leaver');
  const follower = await t.signUp('LeaverFan');
  const other = await t.signUp('OtherRunner');
  const elder = await t.signUp('Elder');
  ok(await t.gql(`mutation { createShoe(input: { name: "Old pair", isDefault: true }) { id } }`, {}, leaver.token));
  ok(await t.gql(`mutation { updateProfile(input: { trainingProfile: { level: BEGINNER } }) { id } }`, {}, leaver.token));
  const run = await social.run(leaver);
  const gpx = `<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>
    <trkpt lat="52.5" lon="13.35"><time>2025-06-01T06:00:00Z</time></trkpt><trkpt lat="52.509" lon="13.35"><time>2025-06-01T06:05:00Z</time></trkpt>
    </trkseg></trk></gpx>`;
  ok(await t.gql(`mutation($c: String!) { importActivity(format: GPX, content: $c) { id } }`, { c: gpx }, leaver.token));
  await social.follow(follower, leaver);
  await social.follow(leaver, other);
  const leaverPost = await social.post(leaver, { text: 'My long run', runId: run });
  const otherPost = await social.post(other, { text: 'Race day' });
  await social.like(leaver, otherPost);
  await social.like(follower, otherPost);
  await social.comment(leaver, otherPost, 'Go go go');
  await social.comment(follower, leaverPost, 'Nice one');
  // Leaver's group: Elder joined first, then Other; its posts stay with the group.
  const kept = await social.group(leaver, false, [elder, other], 'Kept crew');
  const groupPost = await social.post(elder, { text: 'Tuesday intervals?', groupId: kept });
  // A group with no one else goes with the account.
  const alone = await social.group(leaver, true, [], 'Solo');
  await social.group(other, false, [leaver], 'Other crew');
  return { leaver, follower, other, elder, leaverPost, otherPost, kept, groupPost, alone };
}

describe('deleteAccount', () => {
  it('with a wrong password is BAD_USER_INPUT on password and deletes nothing', async () => {
    const { leaver } = await scene();
    const before = await rowsOf(leaver);
    expect(errorOf(await t.gql(DELETE, { p: 'not-my-password' }, leaver.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'password',
    });
    expect(await rowsOf(leaver)).toEqual(before);
    expect(ok(await t.gql<{ me: { id: string } | null }>(`{ me { id } }`, {}, leaver.token)).me).toEqual({ id: leaver.id });
    expect(errorOf(await t.gql(DELETE, { p: TEST_PASSWORD }))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('removes the account and all it owns, hands its group over, and the others no longer see it', async () => {
    const s = await scene();
    const live = connectLive(t.wsUrl, s.leaver.token);
    live.subscribe(`subscription { notificationAdded { id } }`);
    const likeCount = async () =>
      ok(
        await t.gql<{ post: { likeCount: number; commentCount: number } | null }>(
          `query($id: ID!) { post(id: $id) { likeCount commentCount } }`,
          { id: s.otherPost },
          s.other.token,
        ),
      ).post;
    expect(await likeCount()).toEqual({ likeCount: 2, commentCount: 1 });
    const feed = async () =>
      ok(
        await t.gql<{ feed: Edges<{ id: string; author: { id: string } }> }>(
          `{ feed(first: 50) { edges { node { id author { id } } } } }`,
          {},
          s.follower.token,
        ),
      ).feed.edges.map((e) => e.node.id);
    expect(await feed()).toContain(s.leaverPost);

    expect(ok(await t.gql(DELETE, { p: TEST_PASSWORD }, s.leaver.token))).toEqual({ deleteAccount: true });

    expect(Object.values(await rowsOf(s.leaver)).every((n) => n === 0)).toBe(true);
    expect(await likeCount()).toEqual({ likeCount: 1, commentCount: 0 });
    expect(await feed()).not.toContain(s.leaverPost);
    const others = ok(
      await t.gql(
        `query($f: ID!, $o: ID!) { f: user(id: $f) { followingCount } o: user(id: $o) { followerCount } }`,
        { f: s.follower.id, o: s.other.id },
        s.other.token,
      ),
    );
    expect(others).toEqual({ f: { followingCount: 0 }, o: { followerCount: 0 } });
    expect(
      ok(await t.gql<{ user: { id: string } | null }>(`query($u: ID!) { user(id: $u) { id } }`, { u: s.leaver.id }, s.other.token)).user,
    ).toBeNull();

    // The group goes to the member who joined first, with its posts; the one without members is gone.
    const group = ok(
      await t.gql<{ group: { owner: { id: string }; memberCount: number; posts: Edges<{ id: string }> } | null }>(
        `query($g: ID!) { group(id: $g) { owner { id } memberCount posts { edges { node { id } } } } }`,
        { g: s.kept },
        s.other.token,
      ),
    ).group;
    expect(group).toEqual({ owner: { id: s.elder.id }, memberCount: 2, posts: { edges: [{ node: { id: s.groupPost } }] } });
    expect(await t.sql(`SELECT id FROM groups WHERE id = $1`, [s.alone])).toEqual([]);
    // The heir owns it for real (row-level security checks the owner on invitations too).
    ok(
      await t.gql(
        `mutation($g: ID!, $u: ID!) { inviteToGroup(groupId: $g, userId: $u) { id } }`,
        { g: s.kept, u: s.follower.id },
        s.elder.token,
      ),
    );

    // The old token: UNAUTHENTICATED on a query, 401 on /api, its live connection closed, a new one refused.
    expect(errorOf(await t.gql(`{ me { id } }`, {}, s.leaver.token))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(errorOf(await t.gql(`{ runs(first: 5) { totalCount } }`, {}, s.leaver.token))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await fetch(`${t.url}/api/export`, { headers: { authorization: `Bearer ${s.leaver.token}` } })).status).toBe(401);
    expect(await live.closed).toBe(4403);
    await live.dispose();
    const again = connectLive(t.wsUrl, s.leaver.token);
    expect(await again.closed).toBe(4403);
    await again.dispose();
  });
});
