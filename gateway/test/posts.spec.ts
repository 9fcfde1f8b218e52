import { errorOf, ok, startTestGateway } from './harness';
import type { Edges, Page, TestGateway, TestUser } from './harness';
import { socialFixtures } from './social-fixtures';

let t: TestGateway;
let f: ReturnType<typeof socialFixtures>;
beforeAll(async () => {
  t = await startTestGateway();
  f = socialFixtures(t);
});
afterAll(() => t.close());

const POST = `query($id: ID!) { post(id: $id) { id text author { id } run { id } group { id } likeCount likedByViewer commentCount } }`;
interface SeenPost {
  id: string;
  text: string;
  author: { id: string };
  run: { id: string } | null;
  group: { id: string } | null;
  likeCount: number;
  likedByViewer: boolean;
  commentCount: number;
}
const seen = async (user: TestUser, id: string) => ok(await t.gql<{ post: SeenPost | null }>(POST, { id }, user.token)).post;
const count = async (table: string, where = 'true', params: unknown[] = []) =>
  (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params))[0].n;

describe('posts', () => {
  it('creates text posts and posts sharing your own run', async () => {
    const a = await t.signUp('Writer');
    const textPost = ok(
      await t.gql<{ createPost: Omit<SeenPost, 'id' | 'group'> }>(
        `mutation { createPost(input: { text: "  First post  " }) { text author { id } run { id } likeCount commentCount likedByViewer } }`,
        {},
        a.token,
      ),
    ).createPost;
    expect(textPost).toEqual({ text: 'First post', author: { id: a.id }, run: null, likeCount: 0, commentCount: 0, likedByViewer: false });
    const runId = await f.run(a, { name: 'Tempo' });
    const shared = ok(
      await t.gql<{ createPost: { text: string; run: { id: string; name: string | null } | null } }>(
        `mutation($r: ID!) { createPost(input: { text: "", runId: $r }) { text run { id name } } }`,
        { r: runId },
        a.token,
      ),
    ).createPost;
    expect(shared).toEqual({ text: '', run: { id: runId, name: 'Tempo' } });
  });

  it('refuses bad input and runs that are not yours, storing nothing', async () => {
    const a = await t.signUp('Careful');
    const b = await t.signUp('Other');
    const visible = await f.run(b);
    const hidden = await f.run(b, { visibility: 'PRIVATE' });
    const create = (input: Record<string, unknown>) =>
      t.gql(`mutation($i: PostInput!) { createPost(input: $i) { id } }`, { i: input }, a.token);
    expect(errorOf(await create({ text: '   ' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'text' });
    expect(errorOf(await create({ text: 'x'.repeat(2001) }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'text' });
    expect(errorOf(await create({ text: 'hi', runId: 'nope' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'runId' });
    expect(errorOf(await create({ text: 'hi', runId: visible })).code).toBe('FORBIDDEN');
    expect(errorOf(await create({ text: 'hi', runId: hidden })).code).toBe('NOT_FOUND');
    expect(errorOf(await create({ text: 'hi', groupId: '00000000-0000-4000-8000-000000000000' })).code).toBe('NOT_FOUND');
    expect(errorOf(await t.gql(`mutation { createPost(input: { text: "anon" }) { id } }`)).code).toBe('UNAUTHENTICATED');
    expect(await count('posts', 'user_id = $1', [a.id])).toBe(0);
  });

  it('createRun(share: true) creates the post in the same transaction, as visible as the run', async () => {
    const a = await t.signUp('Sharer');
    const fan = await t.signUp('Fan');
    const stranger = await t.signUp('Stranger');
    await f.follow(fan, a);
    const runId = await f.run(a, { visibility: 'FOLLOWERS', share: true });
    const [row] = await t.sql<{ id: string; visibility: string; text: string }>(
      `SELECT id, visibility, text FROM posts WHERE run_id = $1`,
      [runId],
    );
    expect(row).toMatchObject({ visibility: 'FOLLOWERS', text: '' });
    expect(await seen(a, row.id)).toMatchObject({ run: { id: runId } });
    expect(await seen(fan, row.id)).toMatchObject({ run: { id: runId } });
    expect(await seen(stranger, row.id)).toBeNull();
    expect(await f.run(a, { share: false })).toBeTruthy();
    expect(await count('posts', 'user_id = $1', [a.id])).toBe(1);
    // A createRun that fails stores neither the run nor its post.
    const bad = await t.gql(
      `mutation($i: RunInput!) { createRun(input: $i) { id } }`,
      {
        i: {
          startedAt: new Date().toISOString(),
          distance: 5000,
          duration: 1500,
          share: true,
          shoeId: '00000000-0000-4000-8000-000000000000',
        },
      },
      a.token,
    );
    expect(bad.errors?.length).toBeGreaterThan(0);
    expect(await count('posts', 'user_id = $1', [a.id])).toBe(1);
    expect(await count('runs', 'user_id = $1', [a.id])).toBe(2);
  });

  it('keeps a post no more visible than its run when the run changes or goes', async () => {
    const a = await t.signUp('Changer');
    const fan = await t.signUp('Watcher');
    await f.follow(fan, a);
    const runId = await f.run(a, { share: true });
    const [{ id: postId }] = await t.sql<{ id: string }>(`SELECT id FROM posts WHERE run_id = $1`, [runId]);
    expect(await seen(fan, postId)).not.toBeNull();
    ok(await t.gql(`mutation($id: ID!) { updateRun(id: $id, input: { visibility: PRIVATE }) { id } }`, { id: runId }, a.token));
    expect(await seen(fan, postId)).toBeNull();
    expect(await seen(a, postId)).toMatchObject({ run: { id: runId } });
    ok(await t.gql(`mutation($id: ID!) { updateRun(id: $id, input: { visibility: FOLLOWERS }) { id } }`, { id: runId }, a.token));
    expect(await seen(fan, postId)).toMatchObject({ run: { id: runId } });
    ok(await t.gql(`mutation($id: ID!) { updateRun(id: $id, input: { visibility: PRIVATE }) { id } }`, { id: runId }, a.token));
    ok(await t.gql(`mutation($id: ID!) { deleteRun(id: $id) }`, { id: runId }, a.token));
    // The post stays, without its run, as private as the run last was.
    expect(await seen(a, postId)).toMatchObject({ id: postId, run: null });
    expect(await seen(fan, postId)).toBeNull();
  });

  it('lets only the author delete a post, with its likes and comments', async () => {
    const a = await t.signUp('Deleter');
    const b = await t.signUp('Commenter');
    const postId = await f.post(a, { text: 'soon gone' });
    await f.like(b, postId);
    await f.comment(b, postId);
    const del = `mutation($id: ID!) { deletePost(id: $id) }`;
    expect(errorOf(await t.gql(del, { id: postId }, b.token)).code).toBe('FORBIDDEN');
    const hidden = await f.post(a, { text: '', runId: await f.run(a, { visibility: 'PRIVATE' }) });
    expect(errorOf(await t.gql(del, { id: hidden }, b.token)).code).toBe('NOT_FOUND');
    expect(ok(await t.gql<{ deletePost: string }>(del, { id: postId }, a.token)).deletePost).toBe(postId);
    expect(await seen(a, postId)).toBeNull();
    expect(await count('post_likes', 'post_id = $1', [postId])).toBe(0);
    expect(await count('comments', 'post_id = $1', [postId])).toBe(0);
    expect(await count('notifications', 'post_id = $1', [postId])).toBe(0);
    expect(errorOf(await t.gql(del, { id: postId }, a.token)).code).toBe('NOT_FOUND');
  });
});

type Liked = { likeCount: number; likedByViewer: boolean };

describe('kudos and comments', () => {
  it('likes idempotently, with likeCount and likedByViewer', async () => {
    const a = await t.signUp('Liked');
    const b = await t.signUp('Liker');
    const postId = await f.post(a, { text: 'like me' });
    const like = `mutation($p: ID!) { likePost(postId: $p) { likeCount likedByViewer } }`;
    const unlike = `mutation($p: ID!) { unlikePost(postId: $p) { likeCount likedByViewer } }`;
    expect(ok(await t.gql<{ likePost: Liked }>(like, { p: postId }, b.token)).likePost).toEqual({ likeCount: 1, likedByViewer: true });
    expect(ok(await t.gql<{ likePost: Liked }>(like, { p: postId }, b.token)).likePost).toEqual({ likeCount: 1, likedByViewer: true });
    expect(await seen(a, postId)).toMatchObject({ likeCount: 1, likedByViewer: false });
    expect(await count('notifications', `kind = 'LIKED' AND post_id = $1`, [postId])).toBe(1);
    expect(ok(await t.gql<{ unlikePost: Liked }>(unlike, { p: postId }, b.token)).unlikePost).toEqual({
      likeCount: 0,
      likedByViewer: false,
    });
    expect(ok(await t.gql<{ unlikePost: Liked }>(unlike, { p: postId }, b.token)).unlikePost).toEqual({
      likeCount: 0,
      likedByViewer: false,
    });
    // Unliking takes the like's notification back.
    expect(await count('notifications', `kind = 'LIKED' AND post_id = $1`, [postId])).toBe(0);
  });

  it("can't like or comment on a post the viewer can't see", async () => {
    const a = await t.signUp('Guarded');
    const b = await t.signUp('Outside');
    const hidden = await f.post(a, { text: '', runId: await f.run(a, { visibility: 'FOLLOWERS' }) });
    expect(errorOf(await t.gql(`mutation($p: ID!) { likePost(postId: $p) { id } }`, { p: hidden }, b.token)).code).toBe('NOT_FOUND');
    expect(errorOf(await t.gql(`mutation($p: ID!) { addComment(postId: $p, text: "hey") { id } }`, { p: hidden }, b.token)).code).toBe(
      'NOT_FOUND',
    );
    expect(await count('comments', 'post_id = $1', [hidden])).toBe(0);
  });

  it('lists comments oldest first with totalCount and pages them', async () => {
    const a = await t.signUp('Talker');
    const b = await t.signUp('Replier');
    const postId = await f.post(a, { text: 'thread' });
    for (let i = 1; i <= 5; i++) await f.comment(i % 2 ? b : a, postId, `c${i}`);
    const q = `query($id: ID!, $after: String) { post(id: $id) { commentCount comments(first: 2, after: $after) { totalCount edges { node { text author { id } post { id } } } pageInfo { hasNextPage endCursor } } } }`;
    type CommentsPage = {
      commentCount: number;
      comments: { totalCount: number } & Page<{ text: string; author: { id: string }; post: { id: string } }>;
    };
    const texts: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: CommentsPage = ok(await t.gql<{ post: CommentsPage }>(q, { id: postId, after }, b.token)).post;
      expect(page.commentCount).toBe(5);
      expect(page.comments.totalCount).toBe(5);
      texts.push(...page.comments.edges.map((e) => e.node.text));
      if (!page.comments.pageInfo.hasNextPage) break;
      after = page.comments.pageInfo.endCursor;
    }
    expect(texts).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    expect(errorOf(await t.gql(`mutation($p: ID!) { addComment(postId: $p, text: "  ") { id } }`, { p: postId }, b.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'text',
    });
  });

  it("lets a comment's author or the post's author delete it, nobody else", async () => {
    const author = await t.signUp('Host');
    const guest = await t.signUp('Guest');
    const other = await t.signUp('Meddler');
    const postId = await f.post(author, { text: 'party' });
    const byGuest = await f.comment(guest, postId, 'one');
    const again = await f.comment(guest, postId, 'two');
    const del = `mutation($id: ID!) { deleteComment(id: $id) }`;
    expect(errorOf(await t.gql(del, { id: byGuest }, other.token)).code).toBe('FORBIDDEN');
    expect(ok(await t.gql<{ deleteComment: string }>(del, { id: byGuest }, guest.token)).deleteComment).toBe(byGuest);
    expect(ok(await t.gql<{ deleteComment: string }>(del, { id: again }, author.token)).deleteComment).toBe(again);
    expect(await seen(author, postId)).toMatchObject({ commentCount: 0 });
    expect(errorOf(await t.gql(del, { id: again }, author.token)).code).toBe('NOT_FOUND');
  });
});

describe('feed', () => {
  const FEED = `query($n: Int, $after: String) { feed(first: $n, after: $after) {
    edges { cursor node { id text author { name } run { distance pace } group { name } likeCount likedByViewer commentCount comments(first: 2) { totalCount edges { node { text author { name } } } } } }
    pageInfo { hasNextPage endCursor } } }`;
  type Feed = {
    feed: Page<{
      id: string;
      text: string;
      author: { name: string };
      run: { distance: number; pace: number } | null;
      group: { name: string } | null;
      likeCount: number;
      likedByViewer: boolean;
      commentCount: number;
      comments: { totalCount: number } & Edges<{ text: string; author: { name: string } }>;
    }>;
  };

  it("holds your posts, your followees' and your groups', newest first, as far as you may see them", async () => {
    const me = await t.signUp('Reader');
    const friend = await t.signUp('Friend');
    const stranger = await t.signUp('Stranger');
    const clubmate = await t.signUp('Clubmate');
    await f.follow(me, friend);
    const club = await f.group(clubmate, false, [me]);
    const secret = await f.group(friend, true, []);
    const ids = [
      await f.post(me, { text: 'mine' }),
      await f.post(friend, { text: 'friend public' }),
      await f.post(friend, { text: '', runId: await f.run(friend, { visibility: 'FOLLOWERS' }) }),
      await f.post(clubmate, { text: 'club news', groupId: club }),
    ];
    await f.post(friend, { text: '', runId: await f.run(friend, { visibility: 'PRIVATE' }) });
    await f.post(friend, { text: 'in a group I am not in', groupId: secret });
    await f.post(stranger, { text: 'not followed' });
    await f.post(clubmate, { text: 'outside the club' });
    const feed = ok(await t.gql<Feed>(FEED, { n: 20 }, me.token)).feed;
    expect(feed.edges.map((e) => e.node.id)).toEqual([...ids].reverse());
    expect(feed.edges[0].node.group).toEqual({ name: 'Crew' });
    expect(feed.pageInfo.hasNextPage).toBe(false);
  });

  it('pages every post exactly once while posts are added between pages', async () => {
    const me = await t.signUp('Pager');
    const friend = await t.signUp('Prolific');
    await f.follow(me, friend);
    const base = Date.now() - 10 * 86400_000;
    await t.sql(
      `INSERT INTO posts (user_id, text, created_at) SELECT $1, 'p' || i, $2::timestamptz + i * interval '1 hour' FROM generate_series(1, 23) i`,
      [friend.id, new Date(base)],
    );
    // Equal timestamps: the id breaks the tie.
    await t.sql(`INSERT INTO posts (user_id, text, created_at) SELECT $1, 'tie' || i, $2 FROM generate_series(1, 3) i`, [
      me.id,
      new Date(base + 5 * 3600_000),
    ]);
    const seenIds: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Feed['feed'] = ok(await t.gql<Feed>(FEED, { n: 4, after }, me.token)).feed;
      seenIds.push(...page.edges.map((e) => e.node.id));
      await f.post(friend, { text: 'new while paging' });
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    const originals = (
      await t.sql<{ id: string }>(`SELECT id FROM posts WHERE user_id IN ($1, $2) AND created_at < now() - interval '1 day'`, [
        me.id,
        friend.id,
      ])
    ).map((r) => r.id);
    expect(originals).toHaveLength(26);
    expect(new Set(seenIds).size).toBe(seenIds.length);
    for (const id of originals) expect(seenIds).toContain(id);
    expect(errorOf(await t.gql(FEED, { n: 101 }, me.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(errorOf(await t.gql(FEED, { n: 5, after: 'garbage' }, me.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('costs the same number of SQL statements for a page of 40 posts as for 2', async () => {
    const me = await t.signUp('Counter');
    const authors = await Promise.all(Array.from({ length: 4 }, () => t.signUp('Author')));
    const club = await f.group(authors[0], false, [me, ...authors.slice(1)]);
    for (const a of authors) await f.follow(me, a);
    // Both pages hold the same kinds of posts (with a run, in a group or not, liked and commented or not).
    for (let i = 0; i < 10; i++) {
      for (const a of authors) {
        const postId = await f.post(a, { text: `post ${i}`, runId: await f.run(a), groupId: i % 2 ? club : null });
        if (i % 3 === 0) {
          await f.like(me, postId);
          await f.comment(authors[(i + 1) % 4], postId);
        }
      }
    }
    const statements = async (n: number) => {
      const before = t.statements.count;
      const feed = ok(await t.gql<Feed>(FEED, { n }, me.token)).feed;
      expect(feed.edges).toHaveLength(n);
      return t.statements.count - before;
    };
    const two = await statements(2);
    const forty = await statements(40);
    expect(forty).toBe(two);
    // Authors and runs come with the page: the opening round trip, the page, COMMIT.
    const before = t.statements.count;
    const authorsAndRuns = ok(
      await t.gql<{ feed: Edges<{ author: { name: string }; run: { distance: number } | null }> }>(
        `{ feed(first: 10) { edges { node { author { name } run { distance } } } } }`,
        {},
        me.token,
      ),
    ).feed;
    expect(authorsAndRuns.edges.filter((e) => e.node.run)).not.toHaveLength(0);
    expect(t.statements.count - before).toBe(3);
    const groupPosts = async (n: number) => {
      const before = t.statements.count;
      const g = ok(
        await t.gql<{ group: { posts: Edges<unknown> } }>(
          `query($g: ID!, $n: Int) { group(id: $g) { posts(first: $n) { edges { node { author { name } run { distance } likeCount likedByViewer commentCount } } } } }`,
          { g: club, n },
          me.token,
        ),
      ).group;
      expect(g.posts.edges).toHaveLength(n);
      return t.statements.count - before;
    };
    expect(await groupPosts(5)).toBe(await groupPosts(1));
  });
});
