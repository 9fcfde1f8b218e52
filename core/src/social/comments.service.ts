import { commentTextSchema, forbidden, NotificationKind, notFound, parseId, parseInput } from '@maratron/domain';
import { Comment } from '@maratron/schema';
import type { Page } from '@maratron/schema';
import { decodeCursor, pageSize, toPage } from '../common/pagination';
import { requireViewer } from '../context';
import type { RequestContext } from '../context';
import { hydrate } from '../database/rows';
import { publishAfterCommit } from '../events';
import type { EventBus } from '../events';
import type { NotificationsService } from '../notifications/notifications.service';
import { COMMENT_COLUMNS } from './posts.sql';
import type { PostsService } from './posts.service';

export interface CommentsPage extends Page<Comment> {
  count: () => Promise<number>;
}

/** Comments: anyone who may see a post may comment on it and read its comments. */
export class CommentsService {
  constructor(
    private readonly posts: PostsService,
    private readonly notifications: NotificationsService,
    private readonly events: EventBus,
  ) {}

  async add(ctx: RequestContext, postId: string, textArg: string): Promise<Comment> {
    const viewerId = requireViewer(ctx);
    const text = parseInput(commentTextSchema, textArg, 'text');
    return ctx.db.transaction(async () => {
      const post = await this.posts.require(ctx, postId);
      const rows = await ctx.db.query<Comment>(
        `INSERT INTO comments AS c (post_id, user_id, text) VALUES ($1, $2, $3) RETURNING ${COMMENT_COLUMNS}`,
        [post.id, viewerId, text],
      );
      const comment = hydrate(Comment, rows)[0];
      await this.notifications.notify(ctx, [post.userId], { actorId: viewerId, kind: NotificationKind.COMMENTED, postId: post.id });
      this.posts.changed(ctx, post.id);
      publishAfterCommit(ctx.db, this.events, 'comment.created', { commentId: comment.id, postId: post.id, actorId: viewerId });
      return comment;
    });
  }

  /** The comment's author, or the author of the post it is on, may delete it. */
  async delete(ctx: RequestContext, id: string): Promise<string> {
    const viewerId = requireViewer(ctx);
    return ctx.db.transaction(async () => {
      const comment = await ctx.loaders.visibleCommentById.load(parseId(id));
      if (!comment) throw notFound('Comment');
      const post = await this.posts.require(ctx, comment.postId);
      if (comment.userId !== viewerId && post.userId !== viewerId)
        throw forbidden('Only its author or the post’s author can delete a comment');
      await ctx.db.execute(`DELETE FROM comments WHERE id = $1`, [comment.id]);
      ctx.loaders.visibleCommentById.clear(comment.id);
      this.posts.changed(ctx, post.id);
      return comment.id;
    });
  }

  /** A post's comments, oldest first (callers pass a post the viewer may see). */
  async page(
    ctx: RequestContext,
    postId: string,
    firstArg: number | null | undefined,
    afterArg: string | null | undefined,
  ): Promise<CommentsPage> {
    requireViewer(ctx);
    const first = pageSize(firstArg);
    const after = decodeCursor(afterArg);
    const rows = first === 0 ? [] : await ctx.loaders.commentsPage.load({ parentId: postId, limit: first + 1, after });
    return {
      ...toPage(rows, first, (c) => ({ at: c.createdAt, id: c.id })),
      count: async () => (await this.posts.stats(ctx, postId)).comments,
    };
  }

  /** The comment an event names, as the receiving viewer may see it (subscription delivery). */
  async forEvent(ctx: RequestContext, commentId: string): Promise<Comment> {
    const comment = await ctx.loaders.visibleCommentById.load(commentId);
    if (!comment) throw notFound('Comment');
    return comment;
  }
}
