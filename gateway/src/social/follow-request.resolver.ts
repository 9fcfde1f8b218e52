import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { FollowRequest, User } from '@maratron/schema';
import type { RequestContext } from '@maratron/core';

@Resolver(() => FollowRequest)
export class FollowRequestResolver {
  @FieldResolver(() => User, { description: 'Who asked to follow.' })
  from(@Root() request: FollowRequest, @Ctx() ctx: RequestContext) {
    return ctx.loaders.userById.load(request.followerId);
  }
}
