import type { MigrationInterface, QueryRunner } from 'typeorm';
import { visibleToViewer } from './1764160000000-row-level-security';

/**
 * Row-level security for the social tables, stating the app's rules (canViewPost and the
 * group rules in schema/src/rules) in the database:
 * - a group's name is public; a private group's members, invitations and posts are for its
 *   members;
 * - a post is visible under the visibility rule (it carries its run's visibility) and, in a
 *   private group, to members only; its likes and comments are as visible as the post;
 * - notifications are their recipient's; everyone writes only as themselves.
 * Membership is checked by a SECURITY DEFINER function: a policy on group_members can't
 * query group_members itself without recursing. Another one counts members: a private
 * group's size is public, its member list is not.
 */
export class SocialRowLevelSecurity1764350000000 implements MigrationInterface {
  name = 'SocialRowLevelSecurity1764350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION maratron_is_member(g uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS
        $$ SELECT EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = g AND m.user_id = maratron_viewer()) $$`);
    await q.query(`
      CREATE FUNCTION maratron_member_counts(ids uuid[]) RETURNS TABLE (group_id uuid, members int)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS
        $$ SELECT m.group_id, count(*)::int FROM group_members m WHERE m.group_id = ANY(ids) GROUP BY m.group_id $$`);
    // A post's kudos and comments, counted without re-checking the post for every like: the
    // caller reads the post itself under RLS first (gateway/src/social/social.loaders.ts), and a
    // post the viewer may see has all its likes and comments visible anyway.
    await q.query(`
      CREATE FUNCTION maratron_post_counts(post uuid, OUT likes int, OUT comments int)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS
        $$ SELECT (SELECT count(*)::int FROM post_likes l WHERE l.post_id = post), (SELECT count(*)::int FROM comments c WHERE c.post_id = post) $$`);
    const insideVisible = (groupColumn: string) =>
      `(${groupColumn} IS NULL OR EXISTS (SELECT 1 FROM groups g WHERE g.id = ${groupColumn} AND (NOT g.private OR maratron_is_member(g.id))))`;

    await q.query(`ALTER TABLE groups ENABLE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY groups_read ON groups FOR SELECT USING (true)`);
    await q.query(
      `CREATE POLICY groups_write ON groups FOR ALL USING (owner_id = (SELECT maratron_viewer())) WITH CHECK (owner_id = (SELECT maratron_viewer()))`,
    );

    await q.query(`ALTER TABLE group_members ENABLE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY group_members_read ON group_members FOR SELECT USING (user_id = (SELECT maratron_viewer()) OR ${insideVisible('group_members.group_id')})`,
    );
    await q.query(`CREATE POLICY group_members_join ON group_members FOR INSERT WITH CHECK (user_id = (SELECT maratron_viewer()))`);
    await q.query(`
      CREATE POLICY group_members_leave ON group_members FOR DELETE
        USING (user_id = (SELECT maratron_viewer()) OR EXISTS (SELECT 1 FROM groups g WHERE g.id = group_members.group_id AND g.owner_id = (SELECT maratron_viewer())))`);

    await q.query(`ALTER TABLE group_invitations ENABLE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY group_invitations_read ON group_invitations FOR SELECT
        USING (user_id = (SELECT maratron_viewer()) OR invited_by = (SELECT maratron_viewer()) OR maratron_is_member(group_id))`);
    await q.query(
      `CREATE POLICY group_invitations_invite ON group_invitations FOR INSERT WITH CHECK (invited_by = (SELECT maratron_viewer()) AND maratron_is_member(group_id))`,
    );
    await q.query(
      `CREATE POLICY group_invitations_update ON group_invitations FOR UPDATE USING (invited_by = (SELECT maratron_viewer()) OR user_id = (SELECT maratron_viewer()))`,
    );
    await q.query(
      `CREATE POLICY group_invitations_delete ON group_invitations FOR DELETE USING (user_id = (SELECT maratron_viewer()) OR invited_by = (SELECT maratron_viewer()))`,
    );

    await q.query(`ALTER TABLE posts ENABLE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY posts_read ON posts FOR SELECT
        USING (${visibleToViewer('posts')} AND (posts.user_id = (SELECT maratron_viewer()) OR ${insideVisible('posts.group_id')}))`);
    await q.query(`CREATE POLICY posts_insert ON posts FOR INSERT WITH CHECK (user_id = (SELECT maratron_viewer()))`);
    // Only the author changes a post (the trigger that keeps its run's visibility runs as them).
    await q.query(`CREATE POLICY posts_update ON posts FOR UPDATE USING (user_id = (SELECT maratron_viewer()))`);
    await q.query(`CREATE POLICY posts_delete ON posts FOR DELETE USING (user_id = (SELECT maratron_viewer()))`);

    const postVisible = (column: string) => `EXISTS (SELECT 1 FROM posts p WHERE p.id = ${column})`;
    await q.query(`ALTER TABLE post_likes ENABLE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY post_likes_read ON post_likes FOR SELECT USING (${postVisible('post_likes.post_id')})`);
    await q.query(
      `CREATE POLICY post_likes_write ON post_likes FOR ALL USING (user_id = (SELECT maratron_viewer())) WITH CHECK (user_id = (SELECT maratron_viewer()))`,
    );

    await q.query(`ALTER TABLE comments ENABLE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY comments_read ON comments FOR SELECT USING (${postVisible('comments.post_id')})`);
    await q.query(`CREATE POLICY comments_insert ON comments FOR INSERT WITH CHECK (user_id = (SELECT maratron_viewer()))`);
    await q.query(`
      CREATE POLICY comments_delete ON comments FOR DELETE
        USING (user_id = (SELECT maratron_viewer()) OR EXISTS (SELECT 1 FROM posts p WHERE p.id = comments.post_id AND p.user_id = (SELECT maratron_viewer())))`);

    await q.query(`ALTER TABLE notifications ENABLE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY notifications_read ON notifications FOR SELECT USING (user_id = (SELECT maratron_viewer()) OR actor_id = (SELECT maratron_viewer()))`,
    );
    await q.query(`CREATE POLICY notifications_insert ON notifications FOR INSERT WITH CHECK (actor_id = (SELECT maratron_viewer()))`);
    await q.query(`CREATE POLICY notifications_update ON notifications FOR UPDATE USING (user_id = (SELECT maratron_viewer()))`);
    await q.query(
      `CREATE POLICY notifications_delete ON notifications FOR DELETE USING (user_id = (SELECT maratron_viewer()) OR actor_id = (SELECT maratron_viewer()))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['notifications', 'comments', 'post_likes', 'posts', 'group_invitations', 'group_members', 'groups']) {
      await q.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
      const policies = await q.query(`SELECT policyname FROM pg_policies WHERE tablename = $1 AND schemaname = current_schema()`, [table]);
      for (const { policyname } of policies) await q.query(`DROP POLICY ${policyname} ON ${table}`);
    }
    await q.query(`DROP FUNCTION maratron_post_counts(uuid)`);
    await q.query(`DROP FUNCTION maratron_member_counts(uuid[])`);
    await q.query(`DROP FUNCTION maratron_is_member(uuid)`);
  }
}
