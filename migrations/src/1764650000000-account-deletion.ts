import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Account deletion hands the runner's groups over instead of deleting them with everyone's posts:
 * each group the viewer owns goes to its longest-standing other member (earliest joined, then the
 * lowest id); a group with no other member is left to go with the account (groups.owner_id
 * cascades). Row-level security lets an owner write a group only while it stays theirs
 * (groups_write's WITH CHECK), so the hand-over is this SECURITY DEFINER function, which only ever
 * touches groups the viewer owns. Everything else the account owns goes by ON DELETE CASCADE.
 */
export class AccountDeletion1764650000000 implements MigrationInterface {
  name = 'AccountDeletion1764650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION maratron_hand_over_groups() RETURNS integer LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path FROM CURRENT AS $$
        WITH heirs AS (
          SELECT DISTINCT ON (m.group_id) m.group_id, m.user_id
            FROM group_members m JOIN groups g ON g.id = m.group_id
           WHERE g.owner_id = maratron_viewer() AND m.user_id <> g.owner_id
           ORDER BY m.group_id, m.created_at, m.user_id
        ), moved AS (
          UPDATE groups g SET owner_id = h.user_id, updated_at = now() FROM heirs h WHERE g.id = h.group_id RETURNING 1
        )
        SELECT count(*)::int FROM moved
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION maratron_hand_over_groups()`);
  }
}
