import { errorOf, ok, startTestGateway } from './harness';
import type { TestGateway } from './harness';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());

describe('follows', () => {
  it('follows and unfollows idempotently with counts and isFollowedByViewer', async () => {
    const a = await t.signUp('Fan');
    const b = await t.signUp('Star');
    const f = `mutation($u: ID!) { follow(userId: $u) { id followerCount isFollowedByViewer } }`;
    expect(
      ok(await t.gql<{ follow: { id: string; followerCount: number; isFollowedByViewer: boolean } }>(f, { u: b.id }, a.token)).follow,
    ).toEqual({ id: b.id, followerCount: 1, isFollowedByViewer: true });
    expect(
      ok(await t.gql<{ follow: { id: string; followerCount: number; isFollowedByViewer: boolean } }>(f, { u: b.id }, a.token)).follow
        .followerCount,
    ).toBe(1);
    const me = ok(
      await t.gql<{ me: { followingCount: number; followerCount: number; isFollowedByViewer: boolean } }>(
        `{ me { followingCount followerCount isFollowedByViewer } }`,
        {},
        a.token,
      ),
    ).me;
    expect(me).toEqual({ followingCount: 1, followerCount: 0, isFollowedByViewer: false });
    const u = `mutation($u: ID!) { unfollow(userId: $u) { followerCount isFollowedByViewer } }`;
    expect(ok(await t.gql<{ unfollow: { followerCount: number; isFollowedByViewer: boolean } }>(u, { u: b.id }, a.token)).unfollow).toEqual(
      { followerCount: 0, isFollowedByViewer: false },
    );
  });

  it('refuses following yourself and unknown runners', async () => {
    const a = await t.signUp('Narcissus');
    expect(errorOf(await t.gql(`mutation($u: ID!) { follow(userId: $u) { id } }`, { u: a.id }, a.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'userId',
    });
    expect(errorOf(await t.gql(`mutation { follow(userId: "00000000-0000-4000-8000-000000000000") { id } }`, {}, a.token)).code).toBe(
      'NOT_FOUND',
    );
    expect(await t.sql(`SELECT count(*)::int AS n FROM follows WHERE follower_id = $1`, [a.id])).toEqual([{ n: 0 }]);
  });
});
