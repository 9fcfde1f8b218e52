import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The social graph: groups (members, invitations), posts (optionally sharing a run, optionally
 * in a group), kudos, comments and notifications. Indexes serve every list: the feed (a
 * runner's posts and a group's posts newest first, keyset on created_at, id), a post's
 * comments oldest first, a group's members in joining order, "my groups", a runner's
 * notifications newest first and their unread count; and every foreign key a cascade follows.
 *
 * Timestamps that order a list are kept to the millisecond (as JavaScript dates and the
 * keyset cursors built from them are), so a cursor names its row exactly.
 *
 * A post is never more visible than the run it shares: `posts.visibility` is the run's,
 * copied on insert and kept in step by a trigger whenever the run's visibility changes, so
 * this holds whichever process (gateway, ai-server) writes runs or posts.
 */
export class Social1764300000000 implements MigrationInterface {
  name = 'Social1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE groups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(80) NOT NULL,
        description text,
        private boolean NOT NULL DEFAULT false,
        owner_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX groups_created_idx ON groups (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX groups_name_prefix_idx ON groups (lower(name) text_pattern_ops)`);
    await q.query(`CREATE INDEX groups_owner_idx ON groups (owner_id)`);

    await q.query(`
      CREATE TABLE group_members (
        group_id uuid NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        PRIMARY KEY (group_id, user_id)
      )`);
    // Members in joining order (keyset on created_at, user_id) and "the groups of a runner".
    await q.query(`CREATE INDEX group_members_joined_idx ON group_members (group_id, created_at, user_id)`);
    await q.query(`CREATE INDEX group_members_user_idx ON group_members (user_id, group_id)`);

    await q.query(`
      CREATE TABLE group_invitations (
        group_id uuid NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        invited_by uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        PRIMARY KEY (group_id, user_id)
      )`);
    await q.query(`CREATE INDEX group_invitations_user_idx ON group_invitations (user_id)`);
    await q.query(`CREATE INDEX group_invitations_inviter_idx ON group_invitations (invited_by)`);

    await q.query(`
      CREATE TABLE posts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        run_id uuid REFERENCES runs(id) ON DELETE SET NULL,
        group_id uuid REFERENCES groups(id) ON DELETE CASCADE,
        text varchar(2000) NOT NULL,
        visibility varchar(16) NOT NULL DEFAULT 'PUBLIC' CHECK (visibility IN ('PUBLIC', 'FOLLOWERS', 'PRIVATE')),
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now())
      )`);
    await q.query(`CREATE INDEX posts_user_created_idx ON posts (user_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX posts_group_created_idx ON posts (group_id, created_at DESC, id DESC) WHERE group_id IS NOT NULL`);
    await q.query(`CREATE INDEX posts_run_idx ON posts (run_id) WHERE run_id IS NOT NULL`);

    // SET search_path FROM CURRENT: the functions find "runs" and "posts" in the schema they
    // were created in, whatever the caller's search_path.
    await q.query(`
      CREATE FUNCTION posts_take_run_visibility() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        IF NEW.run_id IS NOT NULL THEN
          SELECT r.visibility INTO NEW.visibility FROM runs r WHERE r.id = NEW.run_id;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER posts_take_run_visibility BEFORE INSERT ON posts FOR EACH ROW EXECUTE FUNCTION posts_take_run_visibility()`,
    );
    await q.query(`
      CREATE FUNCTION runs_visibility_to_posts() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        UPDATE posts SET visibility = NEW.visibility WHERE run_id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER runs_visibility_to_posts AFTER UPDATE OF visibility ON runs
        FOR EACH ROW WHEN (OLD.visibility IS DISTINCT FROM NEW.visibility) EXECUTE FUNCTION runs_visibility_to_posts()`);

    await q.query(`
      CREATE TABLE post_likes (
        post_id uuid NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        PRIMARY KEY (post_id, user_id)
      )`);
    await q.query(`CREATE INDEX post_likes_user_idx ON post_likes (user_id, post_id)`);

    await q.query(`
      CREATE TABLE comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        post_id uuid NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        text varchar(2000) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now())
      )`);
    await q.query(`CREATE INDEX comments_post_created_idx ON comments (post_id, created_at, id)`);
    await q.query(`CREATE INDEX comments_user_idx ON comments (user_id)`);

    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        actor_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind varchar(16) NOT NULL CHECK (kind IN ('FOLLOWED', 'LIKED', 'COMMENTED', 'GROUP_POST', 'GROUP_INVITE')),
        post_id uuid REFERENCES posts(id) ON DELETE CASCADE,
        group_id uuid REFERENCES groups(id) ON DELETE CASCADE,
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        CONSTRAINT notifications_not_self CHECK (user_id <> actor_id)
      )`);
    await q.query(`CREATE INDEX notifications_user_created_idx ON notifications (user_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL`);
    await q.query(`CREATE INDEX notifications_actor_idx ON notifications (actor_id)`);
    await q.query(`CREATE INDEX notifications_post_idx ON notifications (post_id) WHERE post_id IS NOT NULL`);
    await q.query(`CREATE INDEX notifications_group_idx ON notifications (group_id) WHERE group_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notifications`);
    await q.query(`DROP TABLE comments`);
    await q.query(`DROP TABLE post_likes`);
    await q.query(`DROP TRIGGER runs_visibility_to_posts ON runs`);
    await q.query(`DROP FUNCTION runs_visibility_to_posts()`);
    await q.query(`DROP TABLE posts`);
    await q.query(`DROP FUNCTION posts_take_run_visibility()`);
    await q.query(`DROP TABLE group_invitations`);
    await q.query(`DROP TABLE group_members`);
    await q.query(`DROP TABLE groups`);
  }
}
