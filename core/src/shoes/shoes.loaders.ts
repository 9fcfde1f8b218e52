import DataLoader from 'dataloader';
import { visibleToViewerSql } from '@maratron/domain';
import { Shoe } from '@maratron/schema';
import type { RequestDb } from '../database/request-db';
import { byKey, groupByKey, hydrate } from '../database/rows';
import { SHOE_COLUMNS } from './shoes.sql';

export interface ShoeUsage {
  /** Metres: initial distance plus the runs in it. */
  distance: number;
  runCount: number;
}

export function createShoeLoaders(db: RequestDb, viewerId: string | null) {
  return {
    shoeById: new DataLoader<string, Shoe | null>(async (ids) => {
      const rows = await db.query<Shoe>(`SELECT ${SHOE_COLUMNS} FROM shoes s WHERE s.id = ANY($1::uuid[])`, [ids]);
      return byKey(ids, hydrate(Shoe, rows), (s) => s.id);
    }),

    /** Every shoe of each runner, retired included, oldest first. */
    shoesByOwner: new DataLoader<string, Shoe[]>(async (ids) => {
      const rows = await db.query<Shoe>(
        `SELECT ${SHOE_COLUMNS} FROM shoes s WHERE s.user_id = ANY($1::uuid[]) ORDER BY s.created_at, s.id`,
        [ids],
      );
      return groupByKey(ids, hydrate(Shoe, rows), (s) => s.userId);
    }),

    /**
     * A shoe's distance is derived from its runs, never stored, so it can't drift. Counted
     * over the runs the viewer may see: the owner gets the whole figure, and nobody learns
     * of a private run through someone's shoe.
     */
    shoeUsage: new DataLoader<string, ShoeUsage>(async (ids) => {
      const rows = await db.query<{ id: string; distance: number; runCount: number }>(
        `SELECT s.id, s.initial_distance + coalesce(sum(r.distance), 0) AS distance, count(r.id)::int AS "runCount"
           FROM shoes s LEFT JOIN runs r ON r.shoe_id = s.id AND ${visibleToViewerSql('r', '$1')}
          WHERE s.id = ANY($2::uuid[])
          GROUP BY s.id`,
        [viewerId, ids],
      );
      return byKey(ids, rows, (r) => r.id).map((r) => ({ distance: r?.distance ?? 0, runCount: r?.runCount ?? 0 }));
    }),
  };
}
