import { Arg, Ctx, Extensions, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Group, PostConnection, User, UserConnection } from '@maratron/schema';
import type { RequestContext, PostsService, GroupsService } from '@maratron/core';
import { PER_VIEWER } from '../subscriptions/per-viewer';

@Resolver(() => Group)
export class GroupResolver {
  constructor(
    private readonly groups: GroupsService,
    private readonly postService: PostsService,
  ) {}

  @FieldResolver(() => User, {
    description: 'The runner who owns the group (its creator, or the longest-standing member after the owner deleted their account).',
  })
  owner(@Root() group: Group, @Ctx() ctx: RequestContext) {
    return ctx.loaders.userById.load(group.ownerId);
  }

  @FieldResolver(() => Int, { description: 'How many runners belong to the group, the owner included.' })
  memberCount(@Root() group: Group, @Ctx() ctx: RequestContext) {
    return this.groups.memberCount(ctx, group.id);
  }

  @Extensions(PER_VIEWER)
  @FieldResolver(() => Boolean, { description: 'Whether the viewer belongs to the group.' })
  isMember(@Root() group: Group, @Ctx() ctx: RequestContext) {
    return this.groups.isViewerMember(ctx, group.id);
  }

  @Extensions(PER_VIEWER)
  @FieldResolver(() => UserConnection, { description: 'In joining order; empty to non-members of a private group.' })
  members(
    @Root() group: Group,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { description: 'Page size, 1–100.', nullable: true, defaultValue: 20 }) first: number | null,
    @Arg('after', () => String, { description: 'The cursor (endCursor) of the previous page; omitted: the first page.', nullable: true })
    after?: string | null,
  ) {
    return this.groups.members(ctx, group, first, after);
  }

  @Extensions(PER_VIEWER)
  @FieldResolver(() => PostConnection, {
    description: 'Newest first, as the viewer may see them; empty to non-members of a private group.',
  })
  posts(
    @Root() group: Group,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { description: 'Page size, 1–100.', nullable: true, defaultValue: 20 }) first: number | null,
    @Arg('after', () => String, { description: 'The cursor (endCursor) of the previous page; omitted: the first page.', nullable: true })
    after?: string | null,
  ) {
    return this.postService.groupPage(ctx, group.id, first, after);
  }
}
