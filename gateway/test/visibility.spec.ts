import { canViewPost, postVisibleToViewerSql, Visibility } from '@maratron/domain';
import { startTestGateway } from './harness';
import type { TestGateway } from './harness';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());

describe('the post visibility rule', () => {
  it('answers the same in memory (canViewPost) and in SQL (postVisibleToViewerSql) for every case', async () => {
    const [author, viewer] = await Promise.all([t.signUp('Author'), t.signUp('Viewer')]);
    const [{ id: publicGroup }] = await t.sql<{ id: string }>(
      `INSERT INTO groups (name, private, owner_id) VALUES ('open', false, $1) RETURNING id`,
      [author.id],
    );
    const [{ id: privateGroup }] = await t.sql<{ id: string }>(
      `INSERT INTO groups (name, private, owner_id) VALUES ('closed', true, $1) RETURNING id`,
      [author.id],
    );
    const cases: {
      visibility: Visibility;
      groupId: string | null;
      groupPrivate: boolean;
      follows: boolean;
      member: boolean;
      own: boolean;
    }[] = [];
    for (const visibility of Object.values(Visibility))
      for (const [groupId, groupPrivate] of [
        [null, false],
        [publicGroup, false],
        [privateGroup, true],
      ] as const)
        for (const follows of [false, true])
          for (const member of groupId ? [false, true] : [false])
            for (const own of [false, true]) cases.push({ visibility, groupId, groupPrivate, follows, member, own });

    for (const c of cases) {
      const viewerId = c.own ? author.id : viewer.id;
      await t.sql(`DELETE FROM follows WHERE follower_id = $1`, [viewer.id]);
      await t.sql(`DELETE FROM group_members WHERE user_id = $1`, [viewer.id]);
      if (c.follows) await t.sql(`INSERT INTO follows (follower_id, followee_id) VALUES ($1, $2)`, [viewer.id, author.id]);
      if (c.member && c.groupId) await t.sql(`INSERT INTO group_members (group_id, user_id) VALUES ($1, $2)`, [c.groupId, viewer.id]);
      const [post] = await t.sql(`INSERT INTO posts (user_id, group_id, text, visibility) VALUES ($1, $2, 'x', $3) RETURNING id`, [
        author.id,
        c.groupId,
        c.visibility,
      ]);
      const [{ visible }] = await t.sql(`SELECT ${postVisibleToViewerSql('p', '$1')} AS visible FROM posts p WHERE p.id = $2`, [
        viewerId,
        post.id,
      ]);
      const inMemory = canViewPost(
        viewerId,
        { userId: author.id, visibility: c.visibility, groupId: c.groupId, groupPrivate: c.groupPrivate },
        !c.own && c.follows,
        !c.own && c.member,
      );
      expect({ ...c, visible }).toEqual({ ...c, visible: inMemory });
    }
    expect(cases.length).toBe(3 * (4 + 8 + 8));
  });
});
