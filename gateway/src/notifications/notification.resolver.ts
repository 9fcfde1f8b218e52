import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Group, Notification, Post, User } from '@maratron/schema';
import type { RequestContext } from '@maratron/core';

@Resolver(() => Notification)
export class NotificationResolver {
  @FieldResolver(() => User, { description: 'Who did it.' })
  actor(@Root() n: Notification, @Ctx() ctx: RequestContext) {
    return ctx.loaders.userById.load(n.actorId);
  }

  @FieldResolver(() => Post, { nullable: true, description: 'The post it is about, while the viewer may see it.' })
  post(@Root() n: Notification, @Ctx() ctx: RequestContext) {
    return n.postId ? ctx.loaders.visiblePostById.load(n.postId) : null;
  }

  @FieldResolver(() => Group, { nullable: true, description: 'The group it is about (GROUP_POST, GROUP_INVITE).' })
  group(@Root() n: Notification, @Ctx() ctx: RequestContext) {
    return n.groupId ? ctx.loaders.groupById.load(n.groupId) : null;
  }

  @FieldResolver(() => Boolean, { description: 'Whether the viewer has marked it read (markNotificationsRead).' })
  read(@Root() n: Notification) {
    return n.readAt !== null;
  }
}
