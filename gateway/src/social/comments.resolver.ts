import { Arg, Ctx, ID, Mutation, Resolver, Root, Subscription } from 'type-graphql';
import { Comment } from '@maratron/schema';
import type { RequestContext, Topics, CommentsService } from '@maratron/core';
import { live } from '../subscriptions/live-source';

@Resolver()
export class CommentsResolver {
  constructor(private readonly comments: CommentsService) {}

  @Mutation(() => Comment, { description: 'Comments on a post the viewer may see; its author is notified.' })
  addComment(
    @Ctx() ctx: RequestContext,
    @Arg('postId', () => ID, { description: 'The post to comment on.' }) postId: string,
    @Arg('text', () => String, { description: 'The comment: 1–2000 characters of plain text.' }) text: string,
  ) {
    return this.comments.add(ctx, postId, text);
  }

  @Mutation(() => ID, { description: "The comment's author or the post's author." })
  deleteComment(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The comment to delete; returns its id.' }) id: string) {
    return this.comments.delete(ctx, id);
  }

  @Subscription(() => Comment, { description: 'New comments on a post the viewer may see.', subscribe: live('commentAdded') })
  commentAdded(
    @Root() event: Topics['comment.created'],
    @Ctx() ctx: RequestContext,
    @Arg('postId', () => ID, { description: 'The post.' }) _postId: string,
  ) {
    return this.comments.forEvent(ctx, event.commentId);
  }
}
