import DataLoader from 'dataloader';
import type { Keyset } from '../common/pagination';
import type { RequestDb } from './request-db';
import { groupByKey, hydrate } from './rows';

/** A page of one parent's rows (a group's posts, a post's comments): `limit` rows after the cursor. */
export interface ChildPageKey {
  parentId: string;
  limit: number;
  after: Keyset | null;
}

const json = (key: unknown) => JSON.stringify(key);

/**
 * A DataLoader for pages of many parents at once (a feed page whose posts each show their
 * comments): one LATERAL subquery per parent in ONE statement per distinct page size.
 * `select` is the inner query; it reads the parent as `k.parent`, the cursor as `k.c_at`,
 * `k.c_id`, the viewer as `$1` (typed uuid even where unused) and the limit as `$5`.
 */
export function childPagesLoader<T extends object>(db: RequestDb, viewerId: string | null, Entity: new () => T, select: string) {
  return new DataLoader<ChildPageKey, T[], string>(
    async (keys) => {
      const results = new Map<string, T[]>();
      for (const limit of new Set(keys.map((k) => k.limit))) {
        const group = keys.filter((k) => k.limit === limit);
        const rows = await db.query<T & { k: string }>(
          `SELECT k.n::text AS k, x.* FROM (SELECT $1::uuid) AS viewer(id),
                  unnest($2::uuid[], $3::timestamptz[], $4::uuid[]) WITH ORDINALITY AS k(parent, c_at, c_id, n)
           CROSS JOIN LATERAL (${select}) x`,
          [viewerId, group.map((k) => k.parentId), group.map((k) => k.after?.at ?? null), group.map((k) => k.after?.id ?? null), limit],
        );
        const perKey = groupByKey(
          group.map((_, i) => String(i + 1)),
          rows,
          (r) => r.k,
        );
        // Without its key, a row is what `select` returned: a T.
        group.forEach((key, i) =>
          results.set(
            json(key),
            hydrate(
              Entity,
              perKey[i].map(({ k: _k, ...row }) => row as T),
            ),
          ),
        );
      }
      return keys.map((k) => results.get(json(k))!);
    },
    { cacheKeyFn: json },
  );
}
