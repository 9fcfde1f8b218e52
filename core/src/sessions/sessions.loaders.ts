import DataLoader from 'dataloader';
import type { RequestDb } from '../database/request-db';

export function createSessionLoaders(db: RequestDb) {
  return {
    /** Whether two-step sign-in is on, by user id: row-level security shows a runner only their own (User.twoFactorEnabled asks only for the viewer). */
    twoFactorEnabled: new DataLoader<string, boolean>(async (ids) => {
      const rows = await db.query<{ userId: string }>(
        `SELECT c.user_id AS "userId" FROM two_factor_credentials c WHERE c.user_id = ANY($1::uuid[]) AND c.enabled_at IS NOT NULL`,
        [ids],
      );
      const on = new Set(rows.map((r) => r.userId));
      return ids.map((id) => on.has(id));
    }),
  };
}
