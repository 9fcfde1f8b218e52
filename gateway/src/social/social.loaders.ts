import DataLoader from 'dataloader';
import type { RequestDb } from '../database/request-db';

export interface FollowCounts {
  followers: number;
  following: number;
}

export function createSocialLoaders(db: RequestDb, viewerId: string | null) {
  return {
    followCounts: new DataLoader<string, FollowCounts>(async (ids) => {
      const rows = await db.query<{ id: string; followers: number; following: number }>(
        `SELECT k.id,
                (SELECT count(*)::int FROM follows f WHERE f.followee_id = k.id) AS followers,
                (SELECT count(*)::int FROM follows f WHERE f.follower_id = k.id) AS following
           FROM unnest($1::uuid[]) AS k(id)`,
        [ids],
      );
      return rows.map((r) => ({ followers: r.followers, following: r.following }));
    }),
    /** Does the viewer follow this user? */
    viewerFollows: new DataLoader<string, boolean>(async (ids) => {
      if (!viewerId) return ids.map(() => false);
      const rows = await db.query<{ id: string }>(
        `SELECT followee_id AS id FROM follows WHERE follower_id = $1 AND followee_id = ANY($2::uuid[])`,
        [viewerId, ids],
      );
      const followed = new Set(rows.map((r) => r.id));
      return ids.map((id) => followed.has(id));
    }),
  };
}
