import { badInput, notFound, parseId } from '@maratron/domain';
import { User } from '@maratron/schema';
import type { DataSource } from 'typeorm';
import { requireSession, requireViewer } from '../context';
import type { RequestContext } from '../context';
import { idList, idListSql } from '../database/id-list';
import { hydrate } from '../database/rows';
import { USER_COLUMNS } from '../users/users.sql';

/**
 * Blocks. To a runner someone blocked, that someone looks like no one: no profile, runs, posts,
 * comments, kudos, group they own or leaderboard row, on every path — and that is the database's
 * doing, not this service's: row-level security hides every row owned by a runner who blocked
 * the viewer (`notBlockedBy` in migrations/src/1764820000000-follow-requests-blocks.ts), so each
 * read already answers as for something that doesn't exist, and the live dispatcher executes a
 * blocked subscriber's updates as them. The blocker still sees the runner they blocked.
 *
 * Blocking is silent (nobody is notified) and leaves nothing between the two behind: both
 * follows, pending requests both ways (with their notifications), and the blocked runner's
 * membership of and invitations to the blocker's groups (groups they could no longer see, nor
 * leave). Unblocking gives back nothing but the ability to follow and interact again. Blocking
 * and unblocking are account operations: they take a signed-in session.
 */
export class BlocksService {
  constructor(
    /** BLOCKED_USERS_MAX: the most runners `blocked` answers. */
    private readonly listMax: number,
  ) {}

  /** Idempotent. Blocking yourself is BAD_USER_INPUT; a runner the viewer can't see is NOT_FOUND. Returns that runner. */
  async block(ctx: RequestContext, userId: string): Promise<User> {
    const { viewerId } = requireSession(ctx);
    const target = await this.target(ctx, viewerId, userId, 'You cannot block yourself');
    await ctx.db.execute(
      `WITH blocked AS (
         INSERT INTO blocks (blocker_id, blocked_id) VALUES ($1, $2) ON CONFLICT DO NOTHING
       ), follows_gone AS (
         DELETE FROM follows WHERE (follower_id = $1 AND followee_id = $2) OR (follower_id = $2 AND followee_id = $1)
       ), requests_gone AS (
         DELETE FROM follow_requests WHERE (follower_id = $1 AND followee_id = $2) OR (follower_id = $2 AND followee_id = $1)
       ), memberships_gone AS (
         DELETE FROM group_members m USING groups g WHERE g.id = m.group_id AND g.owner_id = $1 AND m.user_id = $2
       )
       DELETE FROM group_invitations i USING groups g WHERE g.id = i.group_id AND g.owner_id = $1 AND i.user_id = $2`,
      [viewerId, target.id],
    );
    this.forget(ctx, viewerId, target.id);
    return target;
  }

  /** Idempotent. Nothing the block ended comes back. Returns that runner. */
  async unblock(ctx: RequestContext, userId: string): Promise<User> {
    const { viewerId } = requireSession(ctx);
    const target = await this.target(ctx, viewerId, userId, 'You cannot unblock yourself');
    await ctx.db.execute(`DELETE FROM blocks WHERE blocker_id = $1 AND blocked_id = $2`, [viewerId, target.id]);
    this.forget(ctx, viewerId, target.id);
    return target;
  }

  /** The runners the viewer has blocked, the latest first (at most BLOCKED_USERS_MAX). */
  async blocked(ctx: RequestContext): Promise<User[]> {
    const viewerId = requireViewer(ctx);
    const rows = await ctx.db.query<User>(
      `SELECT ${USER_COLUMNS} FROM blocks b JOIN users u ON u.id = b.blocked_id
        WHERE b.blocker_id = $1 ORDER BY b.created_at DESC, b.blocked_id DESC LIMIT $2`,
      [viewerId, this.listMax],
    );
    const users = hydrate(User, rows);
    for (const user of users) ctx.loaders.userById.prime(user.id, user);
    return users;
  }

  /** Has the viewer blocked this runner? */
  async isBlockedByViewer(ctx: RequestContext, userId: string): Promise<boolean> {
    return (await ctx.loaders.viewerRelation.load(userId)).blocked;
  }

  private async target(ctx: RequestContext, viewerId: string, userId: string, self: string): Promise<User> {
    const id = parseId(userId, 'userId');
    if (id === viewerId) throw badInput('userId', self);
    const user = await ctx.loaders.userById.load(id);
    if (!user) throw notFound('User');
    return user;
  }

  private forget(ctx: RequestContext, viewerId: string, targetId: string) {
    for (const id of [viewerId, targetId]) {
      ctx.loaders.viewerRelation.clear(id);
      ctx.loaders.viewerFollows.clear(id);
      ctx.loaders.followCounts.clear(id);
    }
  }
}

/**
 * Who blocked each of these runners; only runners someone blocked are in the map. For the live
 * dispatcher, which serves many subscribers with one execution when they may all see the same:
 * a subscriber someone blocked may not, so their updates are executed as them (row-level
 * security then hides their blockers), and an update caused by one of their blockers is not
 * theirs at all. Read as the table owner, because under the runtime role a runner reads only
 * the blocks they made; the answer never leaves the server. One statement however many runners.
 */
export async function blockersOf(dataSource: DataSource, userIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const found = new Map<string, Set<string>>();
  if (!userIds.length) return found;
  const rows = await dataSource.query<{ blockedId: string; blockers: string }[]>(
    `SELECT blocked_id AS "blockedId", string_agg(blocker_id::text, ',') AS blockers
       FROM blocks WHERE blocked_id = ANY(${idListSql('$1')}) GROUP BY blocked_id`,
    [idList(userIds)],
  );
  for (const row of rows) found.set(row.blockedId, new Set(row.blockers.split(',')));
  return found;
}
