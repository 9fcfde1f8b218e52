import { Arg, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { Post, PostConnection } from '@maratron/schema';
import type { RequestContext, Topics, PostsService } from '@maratron/core';
import { live } from '../subscriptions/live-source';
import { PostInput } from './posts.inputs';

@Resolver()
export class PostsResolver {
  constructor(private readonly posts: PostsService) {}

  @Query(() => PostConnection, { description: "Posts by the runners you follow, your own and your groups', newest first." })
  feed(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { description: 'Page size, 1–100.', nullable: true, defaultValue: 20 }) first?: number | null,
    @Arg('after', () => String, { description: 'The cursor (endCursor) of the previous page; omitted: the first page.', nullable: true })
    after?: string | null,
  ) {
    return this.posts.feed(ctx, first, after);
  }

  @Query(() => Post, { description: 'A post by id; null when there is none or the viewer may not see it.', nullable: true })
  post(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: "The post's id." }) id: string) {
    return this.posts.get(ctx, id);
  }

  @Mutation(() => Post, {
    description: "Posts text to the feed of the viewer's followers, or to a group; it may share one of the viewer's runs.",
  })
  createPost(@Ctx() ctx: RequestContext, @Arg('input', () => PostInput, { description: 'The post.' }) input: PostInput) {
    return this.posts.create(ctx, input);
  }

  @Mutation(() => ID, { description: 'Your own posts only.' })
  deletePost(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The post to delete; returns its id.' }) id: string) {
    return this.posts.delete(ctx, id);
  }

  @Mutation(() => Post, { description: 'Idempotent.' })
  likePost(
    @Ctx() ctx: RequestContext,
    @Arg('postId', () => ID, { description: 'The post to like (one the viewer may see); its author is notified.' }) postId: string,
  ) {
    return this.posts.like(ctx, postId);
  }

  @Mutation(() => Post, { description: 'Idempotent.' })
  unlikePost(@Ctx() ctx: RequestContext, @Arg('postId', () => ID, { description: 'The post to unlike.' }) postId: string) {
    return this.posts.unlike(ctx, postId);
  }

  @Subscription(() => Post, { subscribe: live('feedPostAdded'), description: "Every new post that enters the viewer's feed." })
  feedPostAdded(@Root() event: Topics['post.created'], @Ctx() ctx: RequestContext) {
    return this.posts.forEvent(ctx, event.postId);
  }

  @Subscription(() => Post, { subscribe: live('postUpdated'), description: 'Likes and comment counts, live.' })
  postUpdated(
    @Root() event: Topics['post.updated'],
    @Ctx() ctx: RequestContext,
    @Arg('postId', () => ID, { description: 'The post (one the viewer may see).' }) _postId: string,
  ) {
    return this.posts.forEvent(ctx, event.postId);
  }
}
