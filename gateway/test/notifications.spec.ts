import { errorOf, ok, startTestGateway } from './harness';
import type { Page, TestGateway, TestUser } from './harness';
import { socialFixtures } from './social-fixtures';

let t: TestGateway;
let f: ReturnType<typeof socialFixtures>;
beforeAll(async () => {
  t = await startTestGateway();
  f = socialFixtures(t);
});
afterAll(() => t.close());

const NOTES = `query($n: Int, $after: String) { notifications(first: $n, after: $after) {
  unreadCount edges { node { kind actor { id } post { id } read } } pageInfo { hasNextPage endCursor } } }`;
interface Notice {
  kind: string;
  actor: { id: string };
  post: { id: string } | null;
  read: boolean;
}
const notes = async (user: TestUser, first = 20, after: string | null = null) =>
  ok(await t.gql<{ notifications: Page<Notice> & { unreadCount: number } }>(NOTES, { n: first, after }, user.token)).notifications;

describe('notifications', () => {
  it('tells runners who followed, liked and commented — newest first, never about their own actions', async () => {
    const me = await t.signUp('Notified');
    const fan = await t.signUp('Fan');
    await f.follow(fan, me);
    await f.follow(fan, me);
    const postId = await f.post(me, { text: 'look' });
    await f.like(fan, postId);
    await f.comment(fan, postId, 'wow');
    // My own like and comment notify nobody.
    await f.like(me, postId);
    await f.comment(me, postId, 'thanks');
    const page = await notes(me);
    expect(page.unreadCount).toBe(3);
    expect(page.edges.map((e) => e.node)).toEqual([
      { kind: 'COMMENTED', actor: { id: fan.id }, post: { id: postId }, read: false },
      { kind: 'LIKED', actor: { id: fan.id }, post: { id: postId }, read: false },
      { kind: 'FOLLOWED', actor: { id: fan.id }, post: null, read: false },
    ]);
    expect((await notes(fan)).edges).toEqual([]);
  });

  it('pages, and marks all read returning how many were unread', async () => {
    const me = await t.signUp('Popular');
    const fans = await Promise.all(Array.from({ length: 5 }, () => t.signUp('Follower')));
    for (const fan of fans) await f.follow(fan, me);
    const first = await notes(me, 3);
    expect(first.edges).toHaveLength(3);
    const rest = await notes(me, 3, first.pageInfo.endCursor);
    expect(rest.edges).toHaveLength(2);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    const actors = [...first.edges, ...rest.edges].map((e) => e.node.actor.id);
    expect(actors).toEqual([...fans].reverse().map((u) => u.id));

    const mark = `mutation { markNotificationsRead }`;
    expect(ok(await t.gql<{ markNotificationsRead: number }>(mark, {}, me.token)).markNotificationsRead).toBe(5);
    expect(ok(await t.gql<{ markNotificationsRead: number }>(mark, {}, me.token)).markNotificationsRead).toBe(0);
    const after = await notes(me);
    expect(after.unreadCount).toBe(0);
    expect(after.edges.every((e) => e.node.read)).toBe(true);
  });

  it('needs a signed-in viewer', async () => {
    expect(errorOf(await t.gql(NOTES, { n: 5 })).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await t.gql(`mutation { markNotificationsRead }`)).code).toBe('UNAUTHENTICATED');
  });
});
