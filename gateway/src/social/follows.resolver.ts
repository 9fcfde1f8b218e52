import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { FollowRequest, User } from '@maratron/schema';
import type { RequestContext, FollowsService } from '@maratron/core';

@Resolver()
export class FollowsResolver {
  constructor(private readonly follows: FollowsService) {}

  @Mutation(() => User, {
    description:
      'Idempotent; following yourself is an error. Under the runner’s APPROVAL policy it asks instead (viewerFollowState REQUESTED) and the runner is notified.',
  })
  follow(@Ctx() ctx: RequestContext, @Arg('userId', () => ID, { description: 'The runner to follow.' }) userId: string) {
    return this.follows.follow(ctx, userId);
  }

  @Mutation(() => User, { description: 'Also withdraws a pending request to follow.' })
  unfollow(@Ctx() ctx: RequestContext, @Arg('userId', () => ID, { description: 'The runner to stop following.' }) userId: string) {
    return this.follows.unfollow(ctx, userId);
  }

  @Query(() => [FollowRequest], { description: 'Pending requests to follow the viewer, newest first.' })
  followRequests(@Ctx() ctx: RequestContext) {
    return this.follows.requests(ctx);
  }

  @Mutation(() => User, { description: 'Returns the new follower, who is notified.' })
  approveFollowRequest(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The follow request (FollowRequest.id).' }) id: string,
  ) {
    return this.follows.approve(ctx, id);
  }

  @Mutation(() => ID, { description: 'Silent: the asker is not notified.' })
  declineFollowRequest(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The follow request (FollowRequest.id); returns it.' }) id: string,
  ) {
    return this.follows.decline(ctx, id);
  }

  @Mutation(() => User, { description: 'Ends that runner’s follow of the viewer, silently.' })
  removeFollower(@Ctx() ctx: RequestContext, @Arg('userId', () => ID, { description: 'The follower to remove.' }) userId: string) {
    return this.follows.removeFollower(ctx, userId);
  }
}
