import { notFound } from '@maratron/domain';
import { notBlockedBy } from '@maratron/migrations';
import { Notification } from '@maratron/schema';
import type { NotificationKind } from '@maratron/domain';
import { decodeCursor, pageSize, toPage } from '../common/pagination';
import { requireViewer } from '../context';
import type { RequestContext } from '../context';
import { hydrate } from '../database/rows';
import { publishAfterCommit } from '../events';
import type { EventBus } from '../events';
import { NOTIFICATION_COLUMNS } from './notifications.sql';

export interface NotificationFacts {
  actorId: string;
  kind: NotificationKind;
  postId?: string | null;
  groupId?: string | null;
  /** FOLLOW_REQUESTED: the request, whose end takes the notification with it. */
  followRequestId?: string | null;
}

export interface NotificationsPage {
  edges: { cursor: string; node: Notification }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  unread: () => Promise<number>;
}

export class NotificationsService {
  constructor(private readonly events: EventBus) {}

  /**
   * Notifies each recipient of something the actor did — never the actor themself — in the
   * caller's transaction; `notification.created` goes out once it commits. A notification the
   * database already holds once (a follow: notifications_followed_once_idx) is not repeated, and
   * blocks silence it both ways: nobody the actor blocked is notified (they could not see the
   * actor anyway), nor anyone who blocked the actor (`notBlockedBy`: the actor is the viewer).
   */
  async notify(ctx: RequestContext, recipientIds: string[], facts: NotificationFacts): Promise<void> {
    const recipients = [...new Set(recipientIds)].filter((id) => id !== facts.actorId);
    if (!recipients.length) return;
    const rows = await ctx.db.query<{ id: string; userId: string }>(
      `INSERT INTO notifications (user_id, actor_id, kind, post_id, group_id, follow_request_id)
       SELECT r, $2, $3, $4, $5, $6 FROM unnest($1::uuid[]) AS r
        WHERE NOT EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = $2 AND b.blocked_id = r)
          AND ${notBlockedBy('r')}
       ON CONFLICT DO NOTHING
       RETURNING id, user_id AS "userId"`,
      [recipients, facts.actorId, facts.kind, facts.postId ?? null, facts.groupId ?? null, facts.followRequestId ?? null],
    );
    for (const row of rows) publishAfterCommit(ctx.db, this.events, 'notification.created', { notificationId: row.id, userId: row.userId });
  }

  /** Takes back what an undone action notified (an unlike removes the like's notification). */
  async retract(ctx: RequestContext, facts: NotificationFacts & { postId: string }): Promise<void> {
    await ctx.db.execute(`DELETE FROM notifications WHERE actor_id = $1 AND kind = $2 AND post_id = $3`, [
      facts.actorId,
      facts.kind,
      facts.postId,
    ]);
  }

  /** The viewer's notifications, newest first. */
  async page(ctx: RequestContext, firstArg: number | null | undefined, afterArg: string | null | undefined): Promise<NotificationsPage> {
    const viewerId = requireViewer(ctx);
    const first = pageSize(firstArg);
    const after = decodeCursor(afterArg);
    const rows =
      first === 0
        ? []
        : await ctx.db.query<Notification>(
            `SELECT ${NOTIFICATION_COLUMNS} FROM notifications n
              WHERE n.user_id = $1 AND ($2::timestamptz IS NULL OR (n.created_at, n.id) < ($2, $3::uuid))
              ORDER BY n.created_at DESC, n.id DESC LIMIT $4`,
            [viewerId, after?.at ?? null, after?.id ?? null, first + 1],
          );
    return {
      ...toPage(hydrate(Notification, rows), first, (n) => ({ at: n.createdAt, id: n.id })),
      unread: async () => {
        const [{ n }] = await ctx.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
          [viewerId],
        );
        return n;
      },
    };
  }

  /** Marks every unread notification of the viewer read; returns how many it marked. */
  async markRead(ctx: RequestContext): Promise<number> {
    const viewerId = requireViewer(ctx);
    const [{ n }] = await ctx.db.query<{ n: number }>(
      `WITH marked AS (UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING 1) SELECT count(*)::int AS n FROM marked`,
      [viewerId],
    );
    return n;
  }

  /** The notification an event names, for its recipient (subscription delivery). */
  async forEvent(ctx: RequestContext, notificationId: string): Promise<Notification> {
    const notification = await ctx.loaders.ownNotificationById.load(notificationId);
    if (!notification) throw notFound('Notification');
    return notification;
  }
}
