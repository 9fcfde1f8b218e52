import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { User } from '@maratron/schema';
import type { RequestContext, BlocksService } from '@maratron/core';

@Resolver()
export class BlocksResolver {
  constructor(private readonly blocks: BlocksService) {}

  @Query(() => [User], { description: 'Runners the viewer has blocked, the latest first.' })
  blockedUsers(@Ctx() ctx: RequestContext) {
    return this.blocks.blocked(ctx);
  }

  @Mutation(() => User, {
    description: 'Silent. Ends follows and pending requests both ways; to that runner, the viewer looks like no one.',
  })
  blockUser(@Ctx() ctx: RequestContext, @Arg('userId', () => ID, { description: 'The runner to block.' }) userId: string) {
    return this.blocks.block(ctx, userId);
  }

  @Mutation(() => User, { description: 'Restores nothing but the ability to follow and interact.' })
  unblockUser(@Ctx() ctx: RequestContext, @Arg('userId', () => ID, { description: 'The runner to unblock.' }) userId: string) {
    return this.blocks.unblock(ctx, userId);
  }
}
