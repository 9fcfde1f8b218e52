import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who follows you (issue 14, "Trust"):
 * - users.follow_policy: OPEN (anyone may follow at once; every account so far, and every new
 *   one) or APPROVAL (following asks, the runner approves);
 * - follow_requests: pending requests, one per pair; the runner's list newest first is
 *   follow_requests_followee_idx, the asker's own request the unique pair;
 * - blocks: who blocked whom. The primary key serves a blocker's own checks, and
 *   blocks_blocker_created_idx their list (blockedUsers, newest first); blocks_blocked_idx the
 *   reverse, "who blocked the viewer", which every policy asks through maratron_viewer_blockers()
 *   (see `notBlockedBy`);
 * - two notification kinds, FOLLOW_REQUESTED (to the runner; at most one per pair, and only
 *   while its request is pending: it references the request) and FOLLOW_APPROVED (to the asker).
 *
 * Row-level security for the new tables: a request is seen and withdrawn or answered by its two
 * runners only, and asked only as yourself, of a runner whose policy is APPROVAL and who has not
 * blocked you (nor been blocked by you). A runner reads and writes only their own blocks: the
 * blocked runner can't learn who blocked them by reading the table.
 */
/**
 * THE block rule, as a policy expression: true unless the runner in `ownerColumn` has blocked
 * the viewer. A blocked runner sees nothing of their blocker — no profile, runs, posts, comments,
 * kudos, memberships, notifications — so every policy (and SECURITY DEFINER function) that shows
 * a runner's rows to others ANDs this in, over the column naming whose the row is. The blocker
 * keeps seeing the runner they blocked (so they can unblock).
 *
 * `maratron_viewer_blockers()` is called as a scalar subquery — an InitPlan, evaluated once per
 * statement (about 8 µs here) — so the per-row cost is a test against a (nearly always empty)
 * array, never a probe of `blocks` per row. Mind one thing where it joins a policy that was `true`:
 * PostgreSQL then checks the policy before any condition of the query that is not leakproof (LIKE,
 * lower()), and such a condition can no longer drive an index (see the searches in
 * 1764821000000-blocks-row-level-security.ts). Equality and range tests on ids and timestamps are
 * leakproof and keep their indexes.
 */
export function notBlockedBy(ownerColumn: string): string {
  return `${ownerColumn} <> ALL ((SELECT maratron_viewer_blockers())::uuid[])`;
}

export class FollowRequestsBlocks1764820000000 implements MigrationInterface {
  name = 'FollowRequestsBlocks1764820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE users ADD COLUMN follow_policy varchar(16) NOT NULL DEFAULT 'OPEN' CHECK (follow_policy IN ('OPEN', 'APPROVAL'))`,
    );

    await q.query(`
      CREATE TABLE blocks (
        blocker_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        blocked_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        PRIMARY KEY (blocker_id, blocked_id),
        CONSTRAINT blocks_not_self CHECK (blocker_id <> blocked_id)
      )`);
    await q.query(`CREATE INDEX blocks_blocked_idx ON blocks (blocked_id, blocker_id)`);
    await q.query(`CREATE INDEX blocks_blocker_created_idx ON blocks (blocker_id, created_at DESC, blocked_id)`);
    // The runners who blocked the viewer, read once per statement by every policy that hides
    // them (an InitPlan: see notBlockedBy). SECURITY DEFINER because the viewer may not read
    // those rows of `blocks` themself; it answers about the viewer only. Never NULL: without a
    // viewer, or blocked by no one, it is the empty array. PL/pgSQL rather than SQL: a SQL
    // function that is not inlined plans its body again on every statement (~30 µs here), while
    // PL/pgSQL keeps the plan for the session (~6 µs a call).
    await q.query(`
      CREATE FUNCTION maratron_viewer_blockers() RETURNS uuid[] LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
        BEGIN
          RETURN (SELECT coalesce(array_agg(b.blocker_id), '{}') FROM blocks b WHERE b.blocked_id = maratron_viewer());
        END $$`);

    await q.query(`
      CREATE TABLE follow_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        follower_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        followee_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        CONSTRAINT follow_requests_pair_key UNIQUE (follower_id, followee_id),
        CONSTRAINT follow_requests_not_self CHECK (follower_id <> followee_id)
      )`);
    await q.query(`CREATE INDEX follow_requests_followee_idx ON follow_requests (followee_id, created_at DESC, id DESC)`);

    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await q.query(`
      ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
        CHECK (kind IN ('FOLLOWED', 'LIKED', 'COMMENTED', 'GROUP_POST', 'GROUP_INVITE', 'FOLLOW_REQUESTED', 'FOLLOW_APPROVED'))`);
    // A FOLLOW_REQUESTED notification names its request and goes with it, however the request
    // ends (approved, declined, withdrawn, a block, an account deleted): the runner's notifications
    // never point at a request that is no longer pending.
    await q.query(`ALTER TABLE notifications ADD COLUMN follow_request_id uuid REFERENCES follow_requests(id) ON DELETE CASCADE`);
    await q.query(`CREATE INDEX notifications_follow_request_idx ON notifications (follow_request_id) WHERE follow_request_id IS NOT NULL`);
    await q.query(
      `CREATE UNIQUE INDEX notifications_follow_requested_once_idx ON notifications (user_id, actor_id) WHERE kind = 'FOLLOW_REQUESTED'`,
    );

    const viewer = '(SELECT maratron_viewer())';
    await q.query(`ALTER TABLE blocks ENABLE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY blocks_own ON blocks USING (blocker_id = ${viewer}) WITH CHECK (blocker_id = ${viewer})`);

    await q.query(`ALTER TABLE follow_requests ENABLE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY follow_requests_read ON follow_requests FOR SELECT USING (follower_id = ${viewer} OR followee_id = ${viewer})`,
    );
    // `users` is read under its own policy here, which already hides a runner who blocked the viewer.
    await q.query(`
      CREATE POLICY follow_requests_ask ON follow_requests FOR INSERT WITH CHECK (
        follower_id = ${viewer}
        AND EXISTS (SELECT 1 FROM users u WHERE u.id = follow_requests.followee_id AND u.follow_policy = 'APPROVAL')
        AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = ${viewer} AND b.blocked_id = follow_requests.followee_id)
        AND ${notBlockedBy('follow_requests.followee_id')})`);
    await q.query(
      `CREATE POLICY follow_requests_end ON follow_requests FOR DELETE USING (follower_id = ${viewer} OR followee_id = ${viewer})`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notifications_follow_requested_once_idx`);
    await q.query(`DELETE FROM notifications WHERE kind IN ('FOLLOW_REQUESTED', 'FOLLOW_APPROVED')`);
    await q.query(`ALTER TABLE notifications DROP COLUMN follow_request_id`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await q.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('FOLLOWED', 'LIKED', 'COMMENTED', 'GROUP_POST', 'GROUP_INVITE'))`,
    );
    await q.query(`DROP TABLE follow_requests`);
    await q.query(`DROP FUNCTION maratron_viewer_blockers()`);
    await q.query(`DROP TABLE blocks`);
    await q.query(`ALTER TABLE users DROP COLUMN follow_policy`);
  }
}
