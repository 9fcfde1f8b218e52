import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Comment, Post, User } from '@maratron/schema';
import type { RequestContext } from '@maratron/core';

@Resolver(() => Comment)
export class CommentResolver {
  @FieldResolver(() => Post, { description: 'The post it comments on.' })
  async post(@Root() comment: Comment, @Ctx() ctx: RequestContext) {
    return ctx.loaders.visiblePostById.load(comment.postId);
  }

  @FieldResolver(() => User, { description: 'Who wrote it.' })
  author(@Root() comment: Comment, @Ctx() ctx: RequestContext) {
    return ctx.loaders.userById.load(comment.userId);
  }
}
