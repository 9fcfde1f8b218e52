import type { Period } from '@maratron/domain';
import { forbidden, parseId, periodRange, visibleToViewerSql } from '@maratron/domain';
import { LeaderboardEntry, User } from '@maratron/schema';
import { pageSize } from '../common/pagination';
import { requireViewer } from '../context';
import type { RequestContext } from '../context';
import { idList, idListSql } from '../database/id-list';
import type { RequestDb } from '../database/request-db';
import { hydrate } from '../database/rows';
import type { GroupsService } from '../groups/groups.service';
import { viewerTimeZone } from '../users/time-zone';
import { USER_COLUMNS } from '../users/users.sql';

/** Whose board: the viewer's (null group: the runners they follow, and themself) or a group's. */
export interface BoardSubscriber {
  viewerId: string;
  groupId: string | null;
}

/**
 * Distance leaderboards over a calendar period (periodRange), counting only the runs the
 * viewer may see (THE visibility rule), so nobody's private run shows through a ranking.
 *
 * The period is the viewer's, in their own time zone: a board is already computed per viewer (who
 * they follow, what they may see), so a zone adds no new work — the period's bounds are two
 * instants passed to the same statement, compared with the bare started_at, and every runner's
 * sum stays one index range scan of runs_user_started_idx. Nothing is cached per period or zone;
 * live updates recompute each subscriber's board with their own context (channels.ts, rootPerViewer).
 */
export class LeaderboardService {
  constructor(private readonly groups: GroupsService) {}

  /**
   * Everyone in the board with their distance and run count, ranked 1..n: most distance
   * first, ties to the runner with more runs, then by id (stable). Runners without runs in
   * the period are listed with zero.
   */
  async board(
    ctx: RequestContext,
    period: Period,
    groupIdArg: string | null | undefined,
    firstArg: number | null | undefined,
  ): Promise<LeaderboardEntry[]> {
    const viewerId = requireViewer(ctx);
    const first = pageSize(firstArg);
    const groupId = groupIdArg ? parseId(groupIdArg, 'groupId') : null;
    if (groupId) {
      const group = await this.groups.require(ctx, groupId);
      if (!(await this.groups.canSeeInside(ctx, group))) throw forbidden("A private group's leaderboard is for its members");
    }
    const range = periodRange(period, new Date(), await viewerTimeZone(ctx));
    const rows = await ctx.db.query<User & { distance: number; runCount: number }>(
      `WITH people AS (
          SELECT $1::uuid AS id WHERE $2::uuid IS NULL
          UNION SELECT f.followee_id FROM follows f WHERE $2::uuid IS NULL AND f.follower_id = $1
          UNION SELECT m.user_id FROM group_members m WHERE m.group_id = $2
        )
        SELECT ${USER_COLUMNS}, coalesce(t.distance, 0) AS distance, t.run_count AS "runCount"
          FROM people JOIN users u ON u.id = people.id
          CROSS JOIN LATERAL (
            SELECT sum(r.distance) AS distance, count(*)::int AS run_count FROM runs r
             WHERE r.user_id = u.id AND ($3::timestamptz IS NULL OR (r.started_at >= $3 AND r.started_at < $5))
               AND ${visibleToViewerSql('r', '$1')}
          ) t
         ORDER BY distance DESC, "runCount" DESC, u.id
         LIMIT $4`,
      [viewerId, groupId, range.from, first, range.to],
    );
    return rows.map(({ distance, runCount, ...user }, i) =>
      Object.assign(new LeaderboardEntry(), { rank: i + 1, user: hydrate(User, [user])[0], distance, runCount }),
    );
  }

  /**
   * Of these live boards, those a change to these runners' totals may move: the viewer's own
   * board when they are one of them or follow one, a group's board when one is a member.
   * Whether the viewer may still see a group's board is checked when it is recomputed.
   */
  async audience(db: RequestDb, changedUserIds: string[], boards: BoardSubscriber[]): Promise<boolean[]> {
    const changed = [...new Set(changedUserIds)];
    const [sets] = await db.query<{ followers: string | null; groups: string | null }>(
      `SELECT (SELECT string_agg(f.follower_id::text, ',') FROM follows f WHERE f.followee_id = ANY(${idListSql('$1')}) AND f.follower_id = ANY(${idListSql('$2')})) AS followers,
              (SELECT string_agg(DISTINCT m.group_id::text, ',') FROM group_members m WHERE m.user_id = ANY(${idListSql('$1')}) AND m.group_id = ANY(${idListSql('$3')})) AS groups`,
      [
        idList(changed),
        idList([...new Set(boards.map((b) => b.viewerId))]),
        idList([...new Set(boards.flatMap((b) => (b.groupId ? [b.groupId] : [])))]),
      ],
      { prepare: false },
    );
    const followers = new Set(sets.followers?.split(','));
    const groups = new Set(sets.groups?.split(','));
    return boards.map((b) => (b.groupId ? groups.has(b.groupId) : changed.includes(b.viewerId) || followers.has(b.viewerId)));
  }

  /** May the viewer watch this board? (Subscribing checks it once; every update checks it again.) */
  async assertCanWatch(ctx: RequestContext, groupIdArg: string | null | undefined): Promise<void> {
    requireViewer(ctx);
    if (!groupIdArg) return;
    const group = await this.groups.require(ctx, groupIdArg);
    if (!(await this.groups.canSeeInside(ctx, group))) throw forbidden("A private group's leaderboard is for its members");
  }
}
