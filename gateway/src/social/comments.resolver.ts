import { Arg, Ctx, ID, Mutation, Resolver, Root, Subscription } from 'type-graphql';
import { Comment } from '@maratron/schema';
import type { RequestContext, Topics, CommentsService } from '@maratron/core';
import { live } from '../subscriptions/live-source';

@Resolver()
export class CommentsResolver {
  constructor(private readonly comments: CommentsService) {}

  @Mutation(() => Comment)
  addComment(@Ctx() ctx: RequestContext, @Arg('postId', () => ID) postId: string, @Arg('text', () => String) text: string) {
    return this.comments.add(ctx, postId, text);
  }

  @Mutation(() => ID, { description: "The comment's author or the post's author." })
  deleteComment(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.comments.delete(ctx, id);
  }

  @Subscription(() => Comment, { subscribe: live('commentAdded') })
  commentAdded(@Root() event: Topics['comment.created'], @Ctx() ctx: RequestContext, @Arg('postId', () => ID) _postId: string) {
    return this.comments.forEvent(ctx, event.commentId);
  }
}
