import { Arg, Ctx, Extensions, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { CommentConnection, Group, Post, Run, User } from '@maratron/schema';
import type { RequestContext, CommentsService, PostsService } from '@maratron/core';
import { PER_VIEWER } from '../subscriptions/per-viewer';

/** Fields of Post beyond its columns. Whoever may see a post may see its run, group and comments. */
@Resolver(() => Post)
export class PostResolver {
  constructor(
    private readonly posts: PostsService,
    private readonly commentService: CommentsService,
  ) {}

  @FieldResolver(() => User)
  author(@Root() post: Post, @Ctx() ctx: RequestContext) {
    return ctx.loaders.userById.load(post.userId);
  }

  @FieldResolver(() => Run, { nullable: true, description: 'The run it shares (the post is never more visible than the run).' })
  run(@Root() post: Post, @Ctx() ctx: RequestContext) {
    return post.runId ? ctx.loaders.visibleRunById.load(post.runId) : null;
  }

  @FieldResolver(() => Group, { nullable: true })
  group(@Root() post: Post, @Ctx() ctx: RequestContext) {
    return post.groupId ? ctx.loaders.groupById.load(post.groupId) : null;
  }

  @FieldResolver(() => Int)
  async likeCount(@Root() post: Post, @Ctx() ctx: RequestContext) {
    return (await this.posts.stats(ctx, post.id)).likes;
  }

  @Extensions(PER_VIEWER)
  @FieldResolver(() => Boolean)
  async likedByViewer(@Root() post: Post, @Ctx() ctx: RequestContext) {
    return (await this.posts.stats(ctx, post.id)).likedByViewer;
  }

  @FieldResolver(() => Int)
  async commentCount(@Root() post: Post, @Ctx() ctx: RequestContext) {
    return (await this.posts.stats(ctx, post.id)).comments;
  }

  @FieldResolver(() => CommentConnection, { description: 'Oldest first.' })
  comments(
    @Root() post: Post,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    return this.commentService.page(ctx, post.id, first, after);
  }
}
