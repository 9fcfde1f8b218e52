import { Arg, Ctx, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { Notification, NotificationConnection } from '@maratron/schema';
import type { RequestContext, Topics, NotificationsService } from '@maratron/core';
import { live } from '../subscriptions/live-source';

@Resolver()
export class NotificationsResolver {
  constructor(private readonly notificationService: NotificationsService) {}

  @Query(() => NotificationConnection, { description: "The viewer's notifications, newest first." })
  notifications(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { description: 'Page size, 1–100.', nullable: true, defaultValue: 20 }) first: number | null,
    @Arg('after', () => String, { description: 'The cursor (endCursor) of the previous page; omitted: the first page.', nullable: true })
    after?: string | null,
  ) {
    return this.notificationService.page(ctx, first, after);
  }

  @Mutation(() => Int, { description: "Marks all of the viewer's notifications read; returns how many were unread." })
  markNotificationsRead(@Ctx() ctx: RequestContext) {
    return this.notificationService.markRead(ctx);
  }

  @Subscription(() => Notification, { subscribe: live('notificationAdded'), description: "The viewer's new notifications." })
  notificationAdded(@Root() event: Topics['notification.created'], @Ctx() ctx: RequestContext) {
    return this.notificationService.forEvent(ctx, event.notificationId);
  }
}
