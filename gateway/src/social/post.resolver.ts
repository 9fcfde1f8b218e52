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

  @FieldResolver(() => User, { description: 'Who wrote it.' })
  author(@Root() post: Post, @Ctx() ctx: RequestContext) {
    return ctx.loaders.userById.load(post.userId);
  }

  @FieldResolver(() => Run, { nullable: true, description: 'The run it shares (the post is never more visible than the run).' })
  run(@Root() post: Post, @Ctx() ctx: RequestContext) {
    return post.runId ? ctx.loaders.visibleRunById.load(post.runId) : null;
  }

  @FieldResolver(() => Group, { description: 'The group it was posted in; null for a feed post.', nullable: true })
  group(@Root() post: Post, @Ctx() ctx: RequestContext) {
    return post.groupId ? ctx.loaders.groupById.load(post.groupId) : null;
  }

  @FieldResolver(() => Int, { description: 'How many runners liked it.' })
  async likeCount(@Root() post: Post, @Ctx() ctx: RequestContext) {
    return (await this.posts.stats(ctx, post.id)).likes;
  }

  @Extensions(PER_VIEWER)
  @FieldResolver(() => Boolean, { description: 'Whether the viewer liked it.' })
  async likedByViewer(@Root() post: Post, @Ctx() ctx: RequestContext) {
    return (await this.posts.stats(ctx, post.id)).likedByViewer;
  }

  @FieldResolver(() => Int, { description: 'How many comments it has.' })
  async commentCount(@Root() post: Post, @Ctx() ctx: RequestContext) {
    return (await this.posts.stats(ctx, post.id)).comments;
  }

  @FieldResolver(() => CommentConnection, { description: 'Oldest first.' })
  comments(
    @Root() post: Post,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { description: 'Page size, 1–100.', nullable: true, defaultValue: 20 }) first: number | null,
    @Arg('after', () => String, { description: 'The cursor (endCursor) of the previous page; omitted: the first page.', nullable: true })
    after?: string | null,
  ) {
    return this.commentService.page(ctx, post.id, first, after);
  }
}
