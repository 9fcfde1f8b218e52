import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { User } from '@maratron/schema';
import type { RequestContext, FollowsService } from '@maratron/core';

@Resolver()
export class FollowsResolver {
  constructor(private readonly follows: FollowsService) {}

  @Mutation(() => User, { description: 'Idempotent; following yourself is an error.' })
  follow(@Ctx() ctx: RequestContext, @Arg('userId', () => ID) userId: string) {
    return this.follows.follow(ctx, userId);
  }

  @Mutation(() => User)
  unfollow(@Ctx() ctx: RequestContext, @Arg('userId', () => ID) userId: string) {
    return this.follows.unfollow(ctx, userId);
  }
}
