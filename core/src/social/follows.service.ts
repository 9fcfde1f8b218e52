import { badInput, FollowState, NotificationKind, notFound, parseId } from '@maratron/domain';
import { FollowRequest } from '@maratron/schema';
import type { User } from '@maratron/schema';
import { requireSession, requireViewer } from '../context';
import type { RequestContext } from '../context';
import { hydrate } from '../database/rows';
import type { NotificationsService } from '../notifications/notifications.service';
import { FOLLOW_REQUEST_COLUMNS } from './follows.sql';

/**
 * Who follows whom. A runner's follow policy decides what `follow` does: OPEN, it follows at
 * once; APPROVAL, it asks (a pending request, the runner notified) and nothing FOLLOWERS-only
 * reaches the asker until the runner approves. Either runner of a follow may end it: the
 * follower unfollows, the followee removes the follower. The database holds the same rules
 * (row-level security on follows and follow_requests: see
 * migrations/src/1764821000000-blocks-row-level-security.ts), so a follow of an APPROVAL runner
 * can't be written any other way. A runner who blocked the viewer is not found at all.
 */
export class FollowsService {
  constructor(
    private readonly notifications: NotificationsService,
    /** FOLLOW_REQUESTS_MAX: the most pending requests `requests` answers. */
    private readonly requestsMax: number,
  ) {}

  /**
   * Follows a runner whose policy is OPEN, or asks to follow one whose policy is APPROVAL.
   * Idempotent: following someone you follow, or asking again while a request is pending,
   * changes nothing and notifies nobody again. Following a runner you blocked is refused (unblock
   * them first). The policy is read by each statement itself, so a runner switching it meanwhile
   * gets either a follow made under OPEN or a request made under APPROVAL, never a follow the
   * database refuses.
   */
  async follow(ctx: RequestContext, userId: string): Promise<User> {
    const viewerId = requireViewer(ctx);
    const target = await this.target(ctx, userId);
    if (target.id === viewerId) throw badInput('userId', 'You cannot follow yourself');
    if ((await ctx.loaders.viewerRelation.load(target.id)).blocked) {
      throw badInput('userId', 'You blocked this runner: unblock them before following them');
    }
    await ctx.db.transaction(async () => {
      const followed = await ctx.db.execute(
        `INSERT INTO follows (follower_id, followee_id)
         SELECT $1, $2 WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = $2 AND u.follow_policy = 'OPEN')
         ON CONFLICT DO NOTHING`,
        [viewerId, target.id],
      );
      if (followed) {
        await this.notifications.notify(ctx, [target.id], { actorId: viewerId, kind: NotificationKind.FOLLOWED });
        return;
      }
      const [asked] = await ctx.db.query<{ id: string }>(
        `INSERT INTO follow_requests (follower_id, followee_id)
         SELECT $1, $2 WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = $2 AND u.follow_policy = 'APPROVAL')
            AND NOT EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = $1 AND f.followee_id = $2)
         ON CONFLICT DO NOTHING RETURNING id`,
        [viewerId, target.id],
      );
      if (asked) {
        await this.notifications.notify(ctx, [target.id], {
          actorId: viewerId,
          kind: NotificationKind.FOLLOW_REQUESTED,
          followRequestId: asked.id,
        });
      }
    });
    this.forget(ctx, viewerId, target.id);
    return target;
  }

  /** Stops following a runner, or withdraws a pending request to (its notification goes with it). Idempotent. */
  async unfollow(ctx: RequestContext, userId: string): Promise<User> {
    const viewerId = requireViewer(ctx);
    const target = await this.target(ctx, userId);
    await ctx.db.execute(
      `WITH request AS (DELETE FROM follow_requests WHERE follower_id = $1 AND followee_id = $2)
       DELETE FROM follows WHERE follower_id = $1 AND followee_id = $2`,
      [viewerId, target.id],
    );
    this.forget(ctx, viewerId, target.id);
    return target;
  }

  /** The viewer's pending requests from others, newest first (at most FOLLOW_REQUESTS_MAX). */
  async requests(ctx: RequestContext): Promise<FollowRequest[]> {
    const viewerId = requireViewer(ctx);
    const rows = await ctx.db.query<FollowRequest>(
      `SELECT ${FOLLOW_REQUEST_COLUMNS} FROM follow_requests r WHERE r.followee_id = $1 ORDER BY r.created_at DESC, r.id DESC LIMIT $2`,
      [viewerId, this.requestsMax],
    );
    return hydrate(FollowRequest, rows);
  }

  /**
   * Approves a pending request to follow the viewer: the asker follows them from now on and is
   * notified (FOLLOW_APPROVED). Someone else's request, or one no longer pending, is NOT_FOUND.
   * Returns the new follower. Answering requests and removing followers are account operations:
   * they take a signed-in session.
   */
  async approve(ctx: RequestContext, requestId: string): Promise<User> {
    const { viewerId } = requireSession(ctx);
    const id = parseId(requestId, 'id');
    const [followerId] = await ctx.db.transaction(() => this.approveRequests(ctx, viewerId, id));
    if (!followerId) throw notFound('Follow request');
    const follower = await ctx.loaders.userById.load(followerId);
    if (!follower) throw notFound('User');
    return follower;
  }

  /** Declines a pending request to follow the viewer, silently (the asker is not told). NOT_FOUND as `approve`. */
  async decline(ctx: RequestContext, requestId: string): Promise<string> {
    const { viewerId } = requireSession(ctx);
    const id = parseId(requestId, 'id');
    const [declined] = await ctx.db.query<{ id: string; followerId: string }>(
      `DELETE FROM follow_requests WHERE id = $1 AND followee_id = $2 RETURNING id, follower_id AS "followerId"`,
      [id, viewerId],
    );
    if (!declined) throw notFound('Follow request');
    this.forget(ctx, declined.followerId, viewerId);
    return declined.id;
  }

  /**
   * Every pending request to the viewer becomes a follow, each asker notified: what switching the
   * follow policy from APPROVAL to OPEN does — the runner now lets anyone follow at once, and
   * those who asked are no exception. (Back from OPEN to APPROVAL, every follower stays.)
   */
  async approveAll(ctx: RequestContext): Promise<void> {
    const viewerId = requireViewer(ctx);
    await this.approveRequests(ctx, viewerId, null);
  }

  /**
   * Ends a runner's follow of the viewer (and declines a pending request of theirs), silently.
   * Idempotent. Returns that runner.
   */
  async removeFollower(ctx: RequestContext, userId: string): Promise<User> {
    const { viewerId } = requireSession(ctx);
    const follower = await this.target(ctx, userId);
    if (follower.id === viewerId) throw badInput('userId', 'You cannot remove yourself as a follower');
    await ctx.db.execute(
      `WITH request AS (DELETE FROM follow_requests WHERE follower_id = $1 AND followee_id = $2)
       DELETE FROM follows WHERE follower_id = $1 AND followee_id = $2`,
      [follower.id, viewerId],
    );
    this.forget(ctx, follower.id, viewerId);
    return follower;
  }

  counts(ctx: RequestContext, userId: string) {
    return ctx.loaders.followCounts.load(userId);
  }

  isFollowedByViewer(ctx: RequestContext, userId: string): Promise<boolean> {
    return ctx.loaders.viewerFollows.load(userId);
  }

  /** Whether a runner follows the viewer (who may then remove them as a follower); false for the viewer themself. */
  async followsViewer(ctx: RequestContext, userId: string): Promise<boolean> {
    if (!ctx.viewerId || ctx.viewerId === userId) return false;
    return (await ctx.loaders.viewerRelation.load(userId)).followsViewer;
  }

  /** The viewer's relation to a runner: FOLLOWING, REQUESTED (pending their approval) or NONE. */
  async followState(ctx: RequestContext, userId: string): Promise<FollowState> {
    if (!ctx.viewerId || ctx.viewerId === userId) return FollowState.NONE;
    const relation = await ctx.loaders.viewerRelation.load(userId);
    return relation.following ? FollowState.FOLLOWING : relation.requested ? FollowState.REQUESTED : FollowState.NONE;
  }

  /**
   * The viewer's pending requests (one, or all with `id` null) become follows, in one statement
   * (the follow is written while its request still exists: that is what lets the followee write
   * it), and their askers are notified. Returns the askers.
   */
  private async approveRequests(ctx: RequestContext, viewerId: string, id: string | null): Promise<string[]> {
    const rows = await ctx.db.query<{ followerId: string }>(
      `WITH approved AS (
         INSERT INTO follows (follower_id, followee_id)
         SELECT r.follower_id, r.followee_id FROM follow_requests r WHERE r.followee_id = $1 AND ($2::uuid IS NULL OR r.id = $2)
         ON CONFLICT DO NOTHING
       )
       DELETE FROM follow_requests r WHERE r.followee_id = $1 AND ($2::uuid IS NULL OR r.id = $2) RETURNING r.follower_id AS "followerId"`,
      [viewerId, id],
    );
    const followers = rows.map((r) => r.followerId);
    if (followers.length) {
      await this.notifications.notify(ctx, followers, { actorId: viewerId, kind: NotificationKind.FOLLOW_APPROVED });
      for (const followerId of followers) this.forget(ctx, followerId, viewerId);
    }
    return followers;
  }

  /** A runner the viewer may see, or NOT_FOUND (a runner who blocked the viewer is not found). */
  private async target(ctx: RequestContext, userId: string): Promise<User> {
    const user = await ctx.loaders.userById.load(parseId(userId, 'userId'));
    if (!user) throw notFound('User');
    return user;
  }

  /** Fresh follow state for the rest of the request after `followerId`'s relation to `followeeId` changed. */
  private forget(ctx: RequestContext, followerId: string, followeeId: string) {
    for (const id of [followerId, followeeId]) {
      ctx.loaders.viewerFollows.clear(id);
      ctx.loaders.viewerRelation.clear(id);
      ctx.loaders.followCounts.clear(id);
    }
  }
}
