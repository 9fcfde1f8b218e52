import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * At most one "followed you" notification per (follower, followee): following, unfollowing and
 * following again must not fill someone's notifications. Duplicates already stored are reduced to
 * the oldest; the unique index then lets NotificationsService.notify skip a repeat
 * (ON CONFLICT DO NOTHING), whichever process or request races to insert it.
 */
export class FollowNotificationOnce1764700000000 implements MigrationInterface {
  name = 'FollowNotificationOnce1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM notifications n
       USING notifications older
       WHERE n.kind = 'FOLLOWED' AND older.kind = 'FOLLOWED'
         AND older.user_id = n.user_id AND older.actor_id = n.actor_id
         AND (older.created_at, older.id) < (n.created_at, n.id)`);
    await q.query(`CREATE UNIQUE INDEX notifications_followed_once_idx ON notifications (user_id, actor_id) WHERE kind = 'FOLLOWED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notifications_followed_once_idx`);
  }
}
