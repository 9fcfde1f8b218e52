import type { MigrationInterface, QueryRunner } from 'typeorm';
import { visibleToViewer } from './1764160000000-row-level-security';
import { runSplitsFunctionSql, runTrackFunctionSql } from './1764811000000-privacy-zones';
import { notBlockedBy } from './1764820000000-follow-requests-blocks';

const viewer = '(SELECT maratron_viewer())';
const insideVisible = (groupColumn: string) =>
  `(${groupColumn} IS NULL OR EXISTS (SELECT 1 FROM groups g WHERE g.id = ${groupColumn} AND (NOT g.private OR maratron_is_member(g.id))))`;
const postVisible = (column: string) => `EXISTS (SELECT 1 FROM posts p WHERE p.id = ${column})`;

/** A policy as [table, name, the rest of its CREATE POLICY statement]. */
type Policy = [table: string, name: string, definition: string];

/**
 * Blocks in the database: every policy that shows a runner's rows to others now also hides them
 * from the runners that runner blocked (`notBlockedBy`), so to a blocked runner their blocker
 * looks like no one on every path — the profile (`user` is null, search skips them), runs and
 * their tracks and efforts (read through `runs`), shoes, posts, comments, kudos and notifications
 * they caused. Memberships and groups keep their policies: every read of a member or of a group
 * joins the runner (`users`, whose policy hides the blocker), so a blocker's membership and the
 * groups they own drop out the same way without adding the block rule to the policies that post
 * visibility consults for every post (measured: that alone cost the feed's statement about 4 %).
 * Writes follow suit: kudos and comments only on a post the writer may see, and a follow only of
 * someone who has not blocked you, whom you have not blocked, and whose policy is OPEN — or, for
 * the runner being followed, the approval of a pending request. Either runner of a follow may end it
 * (removeFollower), and a group's owner may withdraw invitations to it (a block does so).
 *
 * The SECURITY DEFINER functions read past row-level security, so they apply the rule
 * themselves: the counts (maratron_post_counts, maratron_member_counts) leave out the blocker's
 * kudos, comments and membership, matching the lists a blocked runner can read, and a run's track
 * and splits (maratron_run_track, maratron_run_splits) check the runs_read rule as it now stands,
 * visibility and blocks together.
 *
 * searchUsers gets a SECURITY DEFINER function. With a policy on users that is no longer `true`,
 * PostgreSQL evaluates it before any condition of a query that is not leakproof, and LIKE and
 * lower() are not — so the search could no longer use its trigram indexes and would read the whole
 * table (seen with EXPLAIN on 100,000 runners). maratron_search_users finds the matching ids
 * through those indexes (as the table owner, applying the block rule itself), and the caller reads
 * the rows by id, under the policy again.
 *
 * Each policy is dropped and created again with the old rule ANDed with the block rule; `down`
 * restores the earlier ones.
 */
export class BlocksRowLevelSecurity1764821000000 implements MigrationInterface {
  name = 'BlocksRowLevelSecurity1764821000000';

  private readonly policies: Policy[] = [
    // A blocker always sees the profile of whom they blocked (to unblock them), even when that
    // runner has blocked them too. The second test is an InitPlan too, evaluated only for a
    // runner the first one hides: it costs nothing otherwise.
    [
      'users',
      'users_read',
      `FOR SELECT USING (${notBlockedBy('users.id')} OR users.id = ANY ((SELECT maratron_viewer_blocked())::uuid[]))`,
    ],
    ['shoes', 'shoes_read', `FOR SELECT USING (${notBlockedBy('shoes.user_id')})`],
    ['runs', 'runs_read', `FOR SELECT USING (${visibleToViewer('runs')} AND ${notBlockedBy('runs.user_id')})`],
    [
      'follows',
      'follows_insert',
      `FOR INSERT WITH CHECK (
        (follower_id = ${viewer}
          AND EXISTS (SELECT 1 FROM users u WHERE u.id = follows.followee_id AND u.follow_policy = 'OPEN')
          AND ${notBlockedBy('follows.followee_id')}
          AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = ${viewer} AND b.blocked_id = follows.followee_id))
        OR (followee_id = ${viewer}
          AND EXISTS (SELECT 1 FROM follow_requests r WHERE r.follower_id = follows.follower_id AND r.followee_id = ${viewer})))`,
    ],
    ['follows', 'follows_delete', `FOR DELETE USING (follower_id = ${viewer} OR followee_id = ${viewer})`],
    [
      'group_invitations',
      'group_invitations_delete',
      `FOR DELETE USING (user_id = ${viewer} OR invited_by = ${viewer}
        OR EXISTS (SELECT 1 FROM groups g WHERE g.id = group_invitations.group_id AND g.owner_id = ${viewer}))`,
    ],
    [
      'posts',
      'posts_read',
      `FOR SELECT USING (${visibleToViewer('posts')} AND (posts.user_id = ${viewer} OR ${insideVisible('posts.group_id')})
        AND ${notBlockedBy('posts.user_id')})`,
    ],
    ['post_likes', 'post_likes_read', `FOR SELECT USING (${postVisible('post_likes.post_id')} AND ${notBlockedBy('post_likes.user_id')})`],
    [
      'post_likes',
      'post_likes_write',
      `FOR ALL USING (user_id = ${viewer}) WITH CHECK (user_id = ${viewer} AND ${postVisible('post_likes.post_id')})`,
    ],
    ['comments', 'comments_read', `FOR SELECT USING (${postVisible('comments.post_id')} AND ${notBlockedBy('comments.user_id')})`],
    ['comments', 'comments_insert', `FOR INSERT WITH CHECK (user_id = ${viewer} AND ${postVisible('comments.post_id')})`],
    [
      'notifications',
      'notifications_read',
      `FOR SELECT USING ((user_id = ${viewer} OR actor_id = ${viewer}) AND ${notBlockedBy('notifications.actor_id')})`,
    ],
  ];

  /** The same policies as they were (1764160000000, 1764350000000), for `down`. */
  private readonly earlier: Policy[] = [
    ['users', 'users_read', `FOR SELECT USING (true)`],
    ['shoes', 'shoes_read', `FOR SELECT USING (true)`],
    ['runs', 'runs_read', `FOR SELECT USING (${visibleToViewer('runs')})`],
    ['follows', 'follows_insert', `FOR INSERT WITH CHECK (follower_id = ${viewer})`],
    ['follows', 'follows_delete', `FOR DELETE USING (follower_id = ${viewer})`],
    ['group_invitations', 'group_invitations_delete', `FOR DELETE USING (user_id = ${viewer} OR invited_by = ${viewer})`],
    [
      'posts',
      'posts_read',
      `FOR SELECT USING (${visibleToViewer('posts')} AND (posts.user_id = ${viewer} OR ${insideVisible('posts.group_id')}))`,
    ],
    ['post_likes', 'post_likes_read', `FOR SELECT USING (${postVisible('post_likes.post_id')})`],
    ['post_likes', 'post_likes_write', `FOR ALL USING (user_id = ${viewer}) WITH CHECK (user_id = ${viewer})`],
    ['comments', 'comments_read', `FOR SELECT USING (${postVisible('comments.post_id')})`],
    ['comments', 'comments_insert', `FOR INSERT WITH CHECK (user_id = ${viewer})`],
    ['notifications', 'notifications_read', `FOR SELECT USING (user_id = ${viewer} OR actor_id = ${viewer})`],
  ];

  async up(q: QueryRunner): Promise<void> {
    // The runners the viewer blocked (their own rows of `blocks`, so no SECURITY DEFINER needed).
    await q.query(`
      CREATE FUNCTION maratron_viewer_blocked() RETURNS uuid[] LANGUAGE plpgsql STABLE SET search_path FROM CURRENT AS $$
        BEGIN
          RETURN (SELECT coalesce(array_agg(b.blocked_id), '{}') FROM blocks b WHERE b.blocker_id = maratron_viewer());
        END $$`);
    await this.apply(q, this.policies);
    // One call for a page of posts (it was one per post): the block rule inside it reads the
    // viewer's blockers once per call, so once per page rather than twice per post.
    await q.query(`DROP FUNCTION maratron_post_counts(uuid)`);
    await q.query(`
      CREATE FUNCTION maratron_post_counts(posts uuid[]) RETURNS TABLE (post_id uuid, likes int, comments int)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS
        $$ SELECT k.id,
                  (SELECT count(*)::int FROM post_likes l WHERE l.post_id = k.id AND ${notBlockedBy('l.user_id')}),
                  (SELECT count(*)::int FROM comments c WHERE c.post_id = k.id AND ${notBlockedBy('c.user_id')})
             FROM unnest(posts) AS k(id) $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION maratron_member_counts(ids uuid[]) RETURNS TABLE (group_id uuid, members int)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS
        $$ SELECT m.group_id, count(*)::int FROM group_members m
            WHERE m.group_id = ANY(ids) AND ${notBlockedBy('m.user_id')} GROUP BY m.group_id $$`);
    // The track and splits functions check the runs_read rule themselves: re-created with it.
    const runVisible = `${visibleToViewer('r')} AND ${notBlockedBy('r.user_id')}`;
    await q.query(`CREATE OR REPLACE FUNCTION ${runTrackFunctionSql(runVisible)}`);
    await q.query(`CREATE OR REPLACE FUNCTION ${runSplitsFunctionSql(runVisible)}`);
    // searchUsers: runners whose username or name contains `pattern` (LIKE-escaped, lower case),
    // exact username first, then those starting with it, then by username; the first `lim`, in
    // that order. PL/pgSQL keeps the plan; the trigram indexes serve a parameter as well.
    await q.query(`
      CREATE FUNCTION maratron_search_users(pattern text, exact text, lim int) RETURNS SETOF uuid
        LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT ROWS 10 AS $$
        BEGIN
          RETURN QUERY
            SELECT u.id FROM users u
             WHERE (u.username LIKE '%' || pattern || '%' OR lower(u.name) LIKE '%' || pattern || '%') AND ${notBlockedBy('u.id')}
             ORDER BY (u.username = exact) DESC, (u.username LIKE pattern || '%' OR lower(u.name) LIKE pattern || '%') DESC, u.username
             LIMIT lim;
        END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION ${runTrackFunctionSql(visibleToViewer('r'))}`);
    await q.query(`CREATE OR REPLACE FUNCTION ${runSplitsFunctionSql(visibleToViewer('r'))}`);
    await q.query(`DROP FUNCTION maratron_search_users(text, text, int)`);
    await q.query(`
      CREATE OR REPLACE FUNCTION maratron_member_counts(ids uuid[]) RETURNS TABLE (group_id uuid, members int)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS
        $$ SELECT m.group_id, count(*)::int FROM group_members m WHERE m.group_id = ANY(ids) GROUP BY m.group_id $$`);
    await q.query(`DROP FUNCTION maratron_post_counts(uuid[])`);
    await q.query(`
      CREATE FUNCTION maratron_post_counts(post uuid, OUT likes int, OUT comments int)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS
        $$ SELECT (SELECT count(*)::int FROM post_likes l WHERE l.post_id = post), (SELECT count(*)::int FROM comments c WHERE c.post_id = post) $$`);
    await this.apply(q, this.earlier);
    await q.query(`DROP FUNCTION maratron_viewer_blocked()`);
  }

  private async apply(q: QueryRunner, policies: Policy[]): Promise<void> {
    for (const [table, name, definition] of policies) {
      await q.query(`DROP POLICY ${name} ON ${table}`);
      await q.query(`CREATE POLICY ${name} ON ${table} ${definition}`);
    }
  }
}
