import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A split's pace from its stated (rounded) time, as the summary now computes it: the stored splits
 * of earlier imports had the pace of the unrounded time, so a kilometre listed at 4:19 could read
 * 4:18/km. Rewrites `pace` in every stored split (one decimal, like the summary); nothing else changes.
 */
export class SplitPace1764857000000 implements MigrationInterface {
  name = 'SplitPace1764857000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE run_tracks t SET splits = fixed.splits
        FROM (SELECT r.run_id,
                     json_agg(CASE WHEN (e.s->>'distance')::numeric > 0
                                   THEN jsonb_set(e.s, '{pace}', to_jsonb(round((e.s->>'duration')::numeric * 1000 / (e.s->>'distance')::numeric, 1)))
                                   ELSE e.s END ORDER BY e.ord) AS splits
                FROM run_tracks r, jsonb_array_elements(r.splits::jsonb) WITH ORDINALITY AS e(s, ord)
               GROUP BY r.run_id) fixed
       WHERE fixed.run_id = t.run_id`);
  }

  async down(): Promise<void> {
    // The unrounded times are gone: the earlier paces cannot be restored (nor need they be).
  }
}
