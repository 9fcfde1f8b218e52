import { badInput, NotificationKind, notFound, parseId } from '@maratron/domain';
import type { User } from '@maratron/schema';
import { requireViewer } from '../context';
import type { RequestContext } from '../context';
import type { NotificationsService } from '../notifications/notifications.service';

export class FollowsService {
  constructor(private readonly notifications: NotificationsService) {}

  /** Idempotent: following someone you already follow changes nothing (and notifies nobody again). */
  async follow(ctx: RequestContext, userId: string): Promise<User> {
    const viewerId = requireViewer(ctx);
    const target = await this.target(ctx, userId);
    if (target.id === viewerId) throw badInput('userId', 'You cannot follow yourself');
    await ctx.db.transaction(async () => {
      const added = await ctx.db.execute(`INSERT INTO follows (follower_id, followee_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
        viewerId,
        target.id,
      ]);
      if (added) await this.notifications.notify(ctx, [target.id], { actorId: viewerId, kind: NotificationKind.FOLLOWED });
    });
    this.forget(ctx, viewerId, target.id);
    return target;
  }

  async unfollow(ctx: RequestContext, userId: string): Promise<User> {
    const viewerId = requireViewer(ctx);
    const target = await this.target(ctx, userId);
    await ctx.db.execute(`DELETE FROM follows WHERE follower_id = $1 AND followee_id = $2`, [viewerId, target.id]);
    this.forget(ctx, viewerId, target.id);
    return target;
  }

  counts(ctx: RequestContext, userId: string) {
    return ctx.loaders.followCounts.load(userId);
  }

  isFollowedByViewer(ctx: RequestContext, userId: string): Promise<boolean> {
    return ctx.loaders.viewerFollows.load(userId);
  }

  private async target(ctx: RequestContext, userId: string): Promise<User> {
    const user = await ctx.loaders.userById.load(parseId(userId, 'userId'));
    if (!user) throw notFound('User');
    return user;
  }

  private forget(ctx: RequestContext, viewerId: string, targetId: string) {
    ctx.loaders.viewerFollows.clear(targetId);
    ctx.loaders.followCounts.clear(targetId).clear(viewerId);
  }
}
