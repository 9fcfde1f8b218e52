import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Group, GroupConnection } from '@maratron/schema';
import type { RequestContext, GroupsService } from '@maratron/core';
import { GroupInput } from './groups.inputs';

@Resolver()
export class GroupsResolver {
  constructor(private readonly groupService: GroupsService) {}

  @Query(() => Group, {
    description:
      'A group by id; null when there is none or its owner blocked the viewer. A private group shows its name to anyone signed in, its posts and members to members only.',
    nullable: true,
  })
  group(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: "The group's id." }) id: string) {
    return this.groupService.get(ctx, id);
  }

  @Query(() => GroupConnection, {
    description: 'Groups whose name starts with query, newest first: public ones, and private ones you belong to or are invited to.',
  })
  groups(
    @Ctx() ctx: RequestContext,
    @Arg('query', () => String, {
      description: 'The start of the name (case-insensitive); omitted: every group the viewer may see.',
      nullable: true,
    })
    query?: string | null,
    @Arg('first', () => Int, { description: 'Page size, 1–100.', nullable: true, defaultValue: 20 }) first?: number | null,
    @Arg('after', () => String, { description: 'The cursor (endCursor) of the previous page; omitted: the first page.', nullable: true })
    after?: string | null,
  ) {
    return this.groupService.search(ctx, query, first, after);
  }

  @Mutation(() => Group, { description: 'You become its owner and first member.' })
  createGroup(@Ctx() ctx: RequestContext, @Arg('input', () => GroupInput, { description: 'The new group.' }) input: GroupInput) {
    return this.groupService.create(ctx, input);
  }

  @Mutation(() => Group, { description: 'Idempotent. A private group needs an invitation from a member (inviteToGroup), else FORBIDDEN.' })
  joinGroup(@Ctx() ctx: RequestContext, @Arg('groupId', () => ID, { description: 'The group to join.' }) groupId: string) {
    return this.groupService.join(ctx, groupId);
  }

  @Mutation(() => Group, { description: 'Idempotent. The owner cannot leave their own group (FORBIDDEN).' })
  leaveGroup(@Ctx() ctx: RequestContext, @Arg('groupId', () => ID, { description: 'The group to leave.' }) groupId: string) {
    return this.groupService.leave(ctx, groupId);
  }

  @Mutation(() => Group, { description: 'A member invites a runner, who can then join (private groups need it). The invitee is notified.' })
  inviteToGroup(
    @Ctx() ctx: RequestContext,
    @Arg('groupId', () => ID, { description: 'The group (the viewer must be a member).' }) groupId: string,
    @Arg('userId', () => ID, { description: 'The runner to invite.' }) userId: string,
  ) {
    return this.groupService.invite(ctx, groupId, userId);
  }
}
