import { errorOf, ok, startTestGateway } from './harness';
import type { TestGateway, TestUser } from './harness';
import { connectLive, eventually } from './live';
import type { LiveClient } from './live';
import { socialFixtures } from './social-fixtures';

let t: TestGateway;
let follow: ReturnType<typeof socialFixtures>['follow'];
let post: ReturnType<typeof socialFixtures>['post'];
let run: ReturnType<typeof socialFixtures>['run'];
let group: ReturnType<typeof socialFixtures>['group'];
const clients: LiveClient[] = [];
beforeAll(async () => {
  t = await startTestGateway();
  ({ follow, post, run, group } = socialFixtures(t));
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await t.close();
});

const live = (user?: TestUser, params?: Record<string, unknown>) => {
  const c = connectLive(t.wsUrl, user?.token, params);
  clients.push(c);
  return c;
};
/** Waits until the gateway holds `n` more live subscriptions than before (registration is asynchronous). */
const registered = async (before: number, n = 1) => eventually(() => t.gateway.live.size >= before + n, `${n} subscription(s) registered`);

const FEED = `subscription { feedPostAdded { id text author { id } run { id visibility } group { id } likeCount commentCount } }`;
interface FeedPostAdded {
  feedPostAdded: {
    id: string;
    text: string;
    author: { id: string };
    run: { id: string; visibility: string } | null;
    group: { id: string } | null;
    likeCount: number;
    commentCount: number;
  };
}

describe('live feed over graphql-ws', () => {
  it('delivers PUBLIC and FOLLOWERS posts of followed runners, and nothing of anyone else', async () => {
    const author = await t.signUp('Author');
    const follower = await t.signUp('Follower');
    const stranger = await t.signUp('Stranger');
    await follow(follower, author);
    const before = t.gateway.live.size;
    const followerFeed = live(follower).subscribe<FeedPostAdded>(FEED);
    const strangerFeed = live(stranger).subscribe<FeedPostAdded>(FEED);
    await registered(before, 2);

    const textPost = await post(author, { text: 'Morning miles' });
    const followersRun = await run(author, { visibility: 'FOLLOWERS', share: true });
    // The stranger's own post is their marker: it arrives, and nothing of the author's came before it.
    const marker = await post(stranger, { text: 'mine' });

    const first = (await followerFeed.next()).data!.feedPostAdded;
    expect(first).toMatchObject({
      id: textPost,
      text: 'Morning miles',
      author: { id: author.id },
      run: null,
      likeCount: 0,
      commentCount: 0,
    });
    const second = (await followerFeed.next()).data!.feedPostAdded;
    expect(second).toMatchObject({ author: { id: author.id }, run: { id: followersRun, visibility: 'FOLLOWERS' } });
    expect((await strangerFeed.next()).data!.feedPostAdded.id).toBe(marker);
  });

  it('never delivers a post sharing a PRIVATE run to anyone but its author', async () => {
    const author = await t.signUp('Secretive');
    const follower = await t.signUp('Nosy');
    await follow(follower, author);
    const before = t.gateway.live.size;
    const authorFeed = live(author).subscribe<FeedPostAdded>(FEED);
    const followerFeed = live(follower).subscribe<FeedPostAdded>(FEED);
    await registered(before, 2);

    const privateRun = await run(author, { visibility: 'PRIVATE', share: true });
    const publicPost = await post(author, { text: 'public again' });

    expect((await authorFeed.next()).data!.feedPostAdded.run).toEqual({ id: privateRun, visibility: 'PRIVATE' });
    expect((await authorFeed.next()).data!.feedPostAdded.id).toBe(publicPost);
    // The follower's first delivery is the public post: the private one never came.
    expect((await followerFeed.next()).data!.feedPostAdded.id).toBe(publicPost);
  });

  it("delivers a private group's posts to its members only, public group posts to members who don't follow the author", async () => {
    const owner = await t.signUp('Owner');
    const member = await t.signUp('Member');
    const outsider = await t.signUp('Outsider');
    await follow(outsider, owner);
    const privateGroup = await group(owner, true, [member]);
    const publicGroup = await group(owner, false, [member]);
    const before = t.gateway.live.size;
    const memberFeed = live(member).subscribe<FeedPostAdded>(FEED);
    const outsiderFeed = live(outsider).subscribe<FeedPostAdded>(FEED);
    await registered(before, 2);

    const inPrivate = await post(owner, { text: 'members only', groupId: privateGroup });
    const inPublic = await post(owner, { text: 'everyone', groupId: publicGroup });

    expect((await memberFeed.next()).data!.feedPostAdded).toMatchObject({ id: inPrivate, group: { id: privateGroup } });
    expect((await memberFeed.next()).data!.feedPostAdded).toMatchObject({ id: inPublic, group: { id: publicGroup } });
    // The outsider follows the owner, yet the private group's post never reaches them.
    expect((await outsiderFeed.next()).data!.feedPostAdded.id).toBe(inPublic);
  });

  it('sends likeCount and commentCount changes through postUpdated, and comments through commentAdded', async () => {
    const author = await t.signUp('Poster');
    const fan = await t.signUp('Fan');
    const postId = await post(author, { text: 'Long run done' });
    const before = t.gateway.live.size;
    const c = live(author);
    const updates = c.subscribe<{ postUpdated: { id: string; likeCount: number; commentCount: number; likedByViewer: boolean } }>(
      `subscription($p: ID!) { postUpdated(postId: $p) { id likeCount commentCount likedByViewer } }`,
      {
        p: postId,
      },
    );
    const comments = c.subscribe<{ commentAdded: { text: string; author: { id: string }; post: { id: string } } }>(
      `subscription($p: ID!) { commentAdded(postId: $p) { text author { id } post { id } } }`,
      { p: postId },
    );
    await registered(before, 2);

    ok(await t.gql(`mutation($p: ID!) { likePost(postId: $p) { id } }`, { p: postId }, fan.token));
    expect((await updates.next()).data!.postUpdated).toEqual({ id: postId, likeCount: 1, commentCount: 0, likedByViewer: false });
    ok(await t.gql(`mutation($p: ID!) { addComment(postId: $p, text: "Nice!") { id } }`, { p: postId }, fan.token));
    expect((await comments.next()).data!.commentAdded).toEqual({ text: 'Nice!', author: { id: fan.id }, post: { id: postId } });
    expect((await updates.next()).data!.postUpdated).toMatchObject({ likeCount: 1, commentCount: 1 });
    ok(await t.gql(`mutation($p: ID!) { likePost(postId: $p) { id } }`, { p: postId }, author.token));
    expect((await updates.next()).data!.postUpdated).toMatchObject({ likeCount: 2, likedByViewer: true });
  });

  it('delivers notifications to their recipient only', async () => {
    const star = await t.signUp('Star');
    const fan = await t.signUp('Admirer');
    const other = await t.signUp('Bystander');
    const before = t.gateway.live.size;
    const QUERY = `subscription { notificationAdded { kind actor { id } post { id } read } }`;
    type NotificationAdded = { notificationAdded: { kind: string; actor: { id: string }; post: { id: string } | null; read: boolean } };
    const starNotes = live(star).subscribe<NotificationAdded>(QUERY);
    const otherNotes = live(other).subscribe<NotificationAdded>(QUERY);
    await registered(before, 2);

    await follow(fan, star);
    const postId = await post(star, { text: 'PB!' });
    ok(await t.gql(`mutation($p: ID!) { likePost(postId: $p) { id } }`, { p: postId }, fan.token));
    await follow(star, other);

    expect((await starNotes.next()).data!.notificationAdded).toEqual({ kind: 'FOLLOWED', actor: { id: fan.id }, post: null, read: false });
    expect((await starNotes.next()).data!.notificationAdded).toEqual({
      kind: 'LIKED',
      actor: { id: fan.id },
      post: { id: postId },
      read: false,
    });
    // The bystander's first notification is their own (the star following them): none of the star's reached them.
    expect((await otherNotes.next()).data!.notificationAdded).toMatchObject({ kind: 'FOLLOWED', actor: { id: star.id } });
  });

  it('pushes the leaderboard again when a followed runner logs a run', async () => {
    const me = await t.signUp('Racer');
    const friend = await t.signUp('Rival');
    await follow(me, friend);
    const before = t.gateway.live.size;
    const board = live(me).subscribe<{ leaderboardUpdated: { rank: number; user: { id: string }; distance: number; runCount: number }[] }>(
      `subscription { leaderboardUpdated(period: WEEK) { rank user { id } distance runCount } }`,
    );
    await registered(before);
    await run(friend, { distance: 12000, duration: 3600 });
    const entries = (await board.next()).data!.leaderboardUpdated;
    expect(entries[0]).toEqual({ rank: 1, user: { id: friend.id }, distance: 12000, runCount: 1 });
    expect(entries[1]).toMatchObject({ rank: 2, user: { id: me.id }, distance: 0 });
  });
});

describe('bursts of events', () => {
  it("reads a burst from several runners as each of them: a private group member's change reaches the group's board", async () => {
    const captain = await t.signUp('Captain');
    const member = await t.signUp('Member');
    const outsider = await t.signUp('Outsider');
    const club = await group(captain, true, [member]);
    const before = t.gateway.live.size;
    const board = live(captain).subscribe<{ leaderboardUpdated: { user: { id: string } }[] }>(
      `subscription($g: ID) { leaderboardUpdated(period: WEEK, groupId: $g) { user { id } } }`,
      {
        g: club,
      },
    );
    await registered(before);
    // Totals changing at the same moment: while the first (the outsider's) is delivered, the
    // member's and the outsider's next one queue up and are delivered as one burst. Only the
    // member can see that they belong to the private group, so the burst is not read as its
    // last runner alone.
    t.bus.publish('leaderboard.changed', { userId: outsider.id });
    t.bus.publish('leaderboard.changed', { userId: member.id });
    t.bus.publish('leaderboard.changed', { userId: outsider.id });
    const entries = (await board.next()).data!.leaderboardUpdated;
    expect(entries.map((e) => e.user.id).sort()).toEqual([captain.id, member.id].sort());
  });
});

describe('fan-out sharing', () => {
  it('executes a shared selection once per event: delivering to 6 followers costs the SQL of delivering to 1', async () => {
    const author = await t.signUp('Popular');
    const fans = await Promise.all(Array.from({ length: 6 }, () => t.signUp('Fan')));
    for (const fan of fans) await follow(fan, author);
    const QUERY = `subscription { feedPostAdded { id text author { name } run { distance } likeCount commentCount } }`;

    const statementsFor = async (receivers: TestUser[]) => {
      const c = receivers.map((r) => live(r));
      const before = t.gateway.live.size;
      const subs = c.map((client) => client.subscribe<{ feedPostAdded: { id: string } }>(QUERY));
      await registered(before, receivers.length);
      const start = t.statements.count;
      const id = await post(author, { text: 'shared', runId: await run(author) });
      for (const sub of subs) expect((await sub.next()).data!.feedPostAdded.id).toBe(id);
      const used = t.statements.count - start;
      await Promise.all(c.map((client) => client.dispose()));
      await eventually(() => t.gateway.live.size === before, 'subscriptions released');
      return used;
    };
    const one = await statementsFor(fans.slice(0, 1));
    const six = await statementsFor(fans);
    expect(six).toBe(one);
  });

  it('executes per viewer when the selection depends on the viewer, so nothing personal is shared', async () => {
    const author = await t.signUp('Private Person');
    const fan = await t.signUp('Liker');
    const lurker = await t.signUp('Lurker');
    await follow(fan, author);
    await follow(lurker, author);
    const postId = await post(author, { text: 'check my email' });
    ok(await t.gql(`mutation($p: ID!) { likePost(postId: $p) { id } }`, { p: postId }, fan.token));
    const QUERY = `subscription($p: ID!) { postUpdated(postId: $p) { likeCount likedByViewer author { email isFollowedByViewer } } }`;
    const before = t.gateway.live.size;
    type PostUpdated = {
      postUpdated: { likeCount: number; likedByViewer: boolean; author: { email: string | null; isFollowedByViewer: boolean } };
    };
    const [forAuthor, forFan, forLurker] = [author, fan, lurker].map((u) => live(u).subscribe<PostUpdated>(QUERY, { p: postId }));
    await registered(before, 3);
    ok(await t.gql(`mutation($p: ID!) { addComment(postId: $p, text: "hi") { id } }`, { p: postId }, lurker.token));
    expect((await forAuthor.next()).data!.postUpdated).toEqual({
      likeCount: 1,
      likedByViewer: false,
      author: { email: author.email, isFollowedByViewer: false },
    });
    expect((await forFan.next()).data!.postUpdated).toEqual({
      likeCount: 1,
      likedByViewer: true,
      author: { email: null, isFollowedByViewer: true },
    });
    expect((await forLurker.next()).data!.postUpdated).toEqual({
      likeCount: 1,
      likedByViewer: false,
      author: { email: null, isFollowedByViewer: true },
    });
  });
});

describe('graphql-ws guards', () => {
  it('closes a connection with a bad token with 4403 Forbidden', async () => {
    expect(await live(undefined, { authorization: 'Bearer not-a-token' }).closed).toBe(4403);
    expect(await live(undefined, { token: 'forged.token.here' }).closed).toBe(4403);
  });

  it('accepts a token given as { token } in connection_init', async () => {
    const a = await t.signUp('TokenParam');
    const before = t.gateway.live.size;
    const feed = live(undefined, { token: a.token }).subscribe<FeedPostAdded>(FEED);
    await registered(before);
    const id = await post(a, { text: 'via token param' });
    expect((await feed.next()).data!.feedPostAdded.id).toBe(id);
  });

  it('refuses every personal subscription without authentication', async () => {
    const a = await t.signUp('Public');
    const postId = await post(a, { text: 'hello' });
    const anonymous = live();
    for (const [query, variables] of [
      [FEED, {}],
      [`subscription { notificationAdded { id } }`, {}],
      [`subscription($p: ID!) { postUpdated(postId: $p) { id } }`, { p: postId }],
      [`subscription($p: ID!) { commentAdded(postId: $p) { id } }`, { p: postId }],
      [`subscription { leaderboardUpdated(period: WEEK) { rank } }`, {}],
    ] as const) {
      const sub = anonymous.subscribe(query, variables);
      const result = await sub.next();
      expect(result.data).toBeFalsy();
      expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it("refuses to watch a post the viewer can't see, and a private group's leaderboard from outside", async () => {
    const author = await t.signUp('Hidden');
    const other = await t.signUp('Curious');
    const runId = await run(author, { visibility: 'PRIVATE' });
    const postId = await post(author, { text: '', runId });
    const privateGroup = await group(author, true);
    const c = live(other);
    const watch = await c.subscribe(`subscription($p: ID!) { postUpdated(postId: $p) { id } }`, { p: postId }).next();
    expect(watch.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const board = await c
      .subscribe(`subscription($g: ID) { leaderboardUpdated(period: MONTH, groupId: $g) { rank } }`, { g: privateGroup })
      .next();
    expect(board.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = await c.subscribe(`subscription { postUpdated(postId: "nope") { id } }`).next();
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'postId' });
  });

  it('validates like HTTP (armor limits), formats errors the same way, and runs only subscriptions', async () => {
    const a = await t.signUp('Validator');
    const c = live(a);
    const aliases = Array.from({ length: 30 }, (_, i) => `a${i}: id`).join(' ');
    const tooMany = c.subscribe(`subscription { feedPostAdded { ${aliases} } }`);
    const errors = (await tooMany.error) as { message: string; extensions?: Record<string, unknown> }[];
    expect(errors[0].message).toMatch(/alias/i);
    expect(errors[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const unknown = (await c.subscribe(`subscription { nope }`).error) as { extensions?: Record<string, unknown> }[];
    expect(unknown[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const query = (await c.subscribe(`{ me { id } }`).error) as { message: string }[];
    expect(query[0].message).toMatch(/Only subscriptions/);
    const httpAliases = await t.gql(`{ ${Array.from({ length: 30 }, (_, i) => `a${i}: me { id }`).join(' ')} }`, {}, a.token);
    expect(errorOf(httpAliases).code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses subscriptions over HTTP, pointing at WebSocket', async () => {
    const a = await t.signUp('HttpSubscriber');
    const res = await t.gql(FEED, {}, a.token);
    expect(res.status).toBe(400);
    expect(errorOf(res)).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/WebSocket/) });
  });

  it('closes a socket whose message exceeds 64 KiB (1009 Message Too Big)', async () => {
    // graphql-ws reports the socket error on the console; it is expected here.
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const a = await t.signUp('Flooder');
      const c = live(a);
      c.subscribe(`subscription { feedPostAdded { id } } # ${'x'.repeat(70 * 1024)}`);
      expect(await c.closed).toBe(1009);
    } finally {
      consoleError.mockRestore();
    }
  });
});
