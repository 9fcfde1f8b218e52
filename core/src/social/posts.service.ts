import {
  canViewPost,
  forbidden,
  newPostSchema,
  NotificationKind,
  notFound,
  parseId,
  parseInput,
  postVisibleToViewerSql,
  visibleToViewerSql,
} from '@maratron/domain';
import { Post, Run, User } from '@maratron/schema';
import type { NewPost, PostAudience } from '@maratron/domain';
import type { Page } from '@maratron/schema';
import { decodeCursor, pageSize, toPage } from '../common/pagination';
import { requireViewer } from '../context';
import type { RequestContext } from '../context';
import { pick, select } from '../database/columns';
import { idList, idListSql } from '../database/id-list';
import type { RequestDb } from '../database/request-db';
import { hydrate } from '../database/rows';
import { publishAfterCommit } from '../events';
import type { EventBus } from '../events';
import type { NotificationsService } from '../notifications/notifications.service';
import type { PostStats } from './social.loaders';
import { RUN_FIELDS } from '../runs/runs.sql';
import { USER_FIELDS } from '../users/users.sql';
import { POST_COLUMNS, POST_FIELDS } from './posts.sql';

const visible = postVisibleToViewerSql('p', '$1');
/** A post's run as its loader (visibleRunById) would give it to the viewer. */
const visibleRun = visibleToViewerSql('r', '$1');
const afterCursor = `($2::timestamptz IS NULL OR (p.created_at, p.id) < ($2, $3::uuid))`;

/** Who receives a post live: everyone it concerns (`post`), or only those whose feed it enters (`feed`). */
export type AudienceScope = 'post' | 'feed';

/**
 * Posts, kudos and the feed. A post has the visibility of the run it shares (PUBLIC without
 * one) — never more visible than the run — and a private group's posts reach its members
 * only: `canViewPost` / `postVisibleToViewerSql` decide every read.
 */
export class PostsService {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly events: EventBus,
  ) {}

  /** A post the viewer may see, or null (missing and hidden look the same). */
  async get(ctx: RequestContext, id: string): Promise<Post | null> {
    requireViewer(ctx);
    return ctx.loaders.visiblePostById.load(parseId(id));
  }

  /** A post the viewer may see, or NOT_FOUND. */
  async require(ctx: RequestContext, id: string, field = 'postId'): Promise<Post> {
    requireViewer(ctx);
    const post = await ctx.loaders.visiblePostById.load(parseId(id, field));
    if (!post) throw notFound('Post');
    return post;
  }

  /**
   * The viewer's feed, newest first: their own posts, posts by the runners they follow and
   * posts in their groups, as far as they may see them. One statement per page whatever its
   * size: the newest `first + 1` of each source (a LATERAL index scan per followed runner and
   * per group), merged. A feed shows each post's author and run, so they come in the same
   * statement (under the same rules as their loaders: the author if the viewer may see them,
   * the run if it is visible to the viewer) and prime those loaders.
   */
  async feed(ctx: RequestContext, firstArg: number | null | undefined, afterArg: string | null | undefined): Promise<Page<Post>> {
    const viewerId = requireViewer(ctx);
    const first = pageSize(firstArg);
    const after = decodeCursor(afterArg);
    if (first === 0) return toPage([] as Post[], 0, (p) => ({ at: p.createdAt, id: p.id }));
    const newest = `${visible} AND ${afterCursor} ORDER BY p.created_at DESC, p.id DESC LIMIT $4`;
    const rows = await ctx.db.query<Record<string, unknown>>(
      `SELECT ${POST_COLUMNS}, ${select('u', USER_FIELDS, 'u.')}, ${select('r', RUN_FIELDS, 'r.')} FROM (
          SELECT p.* FROM (
              SELECT p.* FROM (SELECT $1::uuid AS id UNION ALL SELECT f.followee_id FROM follows f WHERE f.follower_id = $1) a
                CROSS JOIN LATERAL (SELECT p.* FROM posts p WHERE p.user_id = a.id AND ${newest}) p
              UNION
              SELECT p.* FROM group_members m
                CROSS JOIN LATERAL (SELECT p.* FROM posts p WHERE p.group_id = m.group_id AND ${newest}) p
               WHERE m.user_id = $1
            ) p
            ORDER BY p.created_at DESC, p.id DESC LIMIT $4
        ) p
        LEFT JOIN users u ON u.id = p.user_id
        LEFT JOIN runs r ON r.id = p.run_id AND ${visibleRun}
        ORDER BY p.created_at DESC, p.id DESC`,
      [viewerId, after?.at ?? null, after?.id ?? null, first + 1],
    );
    const posts = rows.map((row) => {
      const post = pick(Post, row, POST_FIELDS, '')!;
      const author = pick(User, row, USER_FIELDS, 'u.');
      if (author) ctx.loaders.userById.prime(author.id, author);
      if (post.runId) ctx.loaders.visibleRunById.prime(post.runId, pick(Run, row, RUN_FIELDS, 'r.'));
      return post;
    });
    return toPage(posts, first, (p) => ({ at: p.createdAt, id: p.id }));
  }

  /** A group's posts the viewer may see, newest first (none of a private group's unless a member). */
  async groupPage(
    ctx: RequestContext,
    groupId: string,
    firstArg: number | null | undefined,
    afterArg: string | null | undefined,
  ): Promise<Page<Post>> {
    requireViewer(ctx);
    const first = pageSize(firstArg);
    const after = decodeCursor(afterArg);
    const rows = first === 0 ? [] : await ctx.loaders.groupPostsPage.load({ parentId: groupId, limit: first + 1, after });
    return toPage(rows, first, (p) => ({ at: p.createdAt, id: p.id }));
  }

  /**
   * A post with text, optionally sharing one of the viewer's runs, optionally in a group the
   * viewer belongs to (whose members are notified, those who may see it).
   */
  async create(ctx: RequestContext, input: unknown): Promise<Post> {
    const viewerId = requireViewer(ctx);
    const data = parseInput(newPostSchema, input);
    return ctx.db.transaction(async () => {
      if (data.runId) {
        const run = await ctx.loaders.visibleRunById.load(data.runId);
        if (!run) throw notFound('Run');
        if (run.userId !== viewerId) throw forbidden('You can only share your own runs');
      }
      if (data.groupId) {
        const group = await ctx.loaders.groupById.load(data.groupId);
        if (!group) throw notFound('Group');
        const member = await ctx.db.execute(`SELECT 1 FROM group_members WHERE group_id = $1 AND user_id = $2`, [group.id, viewerId]);
        if (!member) throw forbidden('Only members can post in a group');
      }
      const post = await this.insert(ctx, viewerId, data);
      if (post.groupId) {
        const members = await ctx.db.query<{ id: string }>(
          `SELECT m.user_id AS id FROM posts p JOIN group_members m ON m.group_id = p.group_id
            WHERE p.id = $1 AND ${postVisibleToViewerSql('p', 'm.user_id')}`,
          [post.id],
        );
        await this.notifications.notify(
          ctx,
          members.map((m) => m.id),
          { actorId: viewerId, kind: NotificationKind.GROUP_POST, postId: post.id, groupId: post.groupId },
        );
      }
      return post;
    });
  }

  /** `createRun(input: { share: true })`: the post sharing a new run, in the run's transaction. */
  shareRun(ctx: RequestContext, run: { id: string; userId: string }): Promise<Post> {
    return this.insert(ctx, run.userId, { text: '', runId: run.id, groupId: null });
  }

  /** The author deletes their post (its likes, comments and notifications go with it). */
  async delete(ctx: RequestContext, id: string): Promise<string> {
    const viewerId = requireViewer(ctx);
    return ctx.db.transaction(async () => {
      const post = await this.require(ctx, id, 'id');
      if (post.userId !== viewerId) throw forbidden('That post is not yours');
      await ctx.db.execute(`DELETE FROM posts WHERE id = $1`, [post.id]);
      ctx.loaders.visiblePostById.clear(post.id);
      return post.id;
    });
  }

  /** Idempotent: liking twice is one like (and one notification for the author). */
  async like(ctx: RequestContext, postId: string): Promise<Post> {
    const viewerId = requireViewer(ctx);
    return ctx.db.transaction(async () => {
      const post = await this.require(ctx, postId);
      const added = await ctx.db.execute(`INSERT INTO post_likes (post_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
        post.id,
        viewerId,
      ]);
      if (added) {
        await this.notifications.notify(ctx, [post.userId], { actorId: viewerId, kind: NotificationKind.LIKED, postId: post.id });
        this.changed(ctx, post.id);
      }
      return post;
    });
  }

  /** Idempotent; takes back the like's notification. */
  async unlike(ctx: RequestContext, postId: string): Promise<Post> {
    const viewerId = requireViewer(ctx);
    return ctx.db.transaction(async () => {
      const post = await this.require(ctx, postId);
      const removed = await ctx.db.execute(`DELETE FROM post_likes WHERE post_id = $1 AND user_id = $2`, [post.id, viewerId]);
      if (removed) {
        await this.notifications.retract(ctx, { actorId: viewerId, kind: NotificationKind.LIKED, postId: post.id });
        this.changed(ctx, post.id);
      }
      return post;
    });
  }

  stats(ctx: RequestContext, postId: string): Promise<PostStats> {
    return ctx.loaders.postStats.load(postId);
  }

  /** A post's likes or comments changed: fresh counts for this request, `post.updated` after commit. */
  changed(ctx: RequestContext, postId: string): void {
    ctx.loaders.postStats.clear(postId);
    publishAfterCommit(ctx.db, this.events, 'post.updated', { postId, actorId: requireViewer(ctx) });
  }

  /**
   * Of these viewers, those who receive a post live: who may see it (`canViewPost`, THE
   * rule) and, for the feed, whose feed it enters (their own, a runner they follow, a group
   * of theirs). One statement however many viewers: the post's facts, and which of the
   * viewers follow its author or belong to its group.
   */
  async audience(db: RequestDb, postId: string, viewerIds: string[], scope: AudienceScope): Promise<Set<string>> {
    const [post] = await db.query<PostAudience & { followers: string | null; members: string | null }>(
      `SELECT p.user_id AS "userId", p.visibility, p.group_id AS "groupId", coalesce(g.private, false) AS "groupPrivate",
              (SELECT string_agg(f.follower_id::text, ',') FROM follows f WHERE f.followee_id = p.user_id AND f.follower_id = ANY(${idListSql('$2')})) AS followers,
              (SELECT string_agg(m.user_id::text, ',') FROM group_members m WHERE m.group_id = p.group_id AND m.user_id = ANY(${idListSql('$2')})) AS members
         FROM posts p LEFT JOIN groups g ON g.id = p.group_id
        WHERE p.id = $1`,
      [postId, idList(viewerIds)],
      { prepare: false },
    );
    if (!post) return new Set();
    const followers = new Set(post.followers?.split(','));
    const members = new Set(post.members?.split(','));
    return new Set(
      viewerIds.filter((viewerId) => {
        const follows = followers.has(viewerId);
        const member = members.has(viewerId);
        if (!canViewPost(viewerId, post, follows, member)) return false;
        return scope === 'post' || viewerId === post.userId || follows || member;
      }),
    );
  }

  /** The post an event names, as the receiving viewer may see it (subscription delivery). */
  forEvent(ctx: RequestContext, postId: string): Promise<Post> {
    return this.require(ctx, postId);
  }

  private async insert(ctx: RequestContext, authorId: string, data: NewPost): Promise<Post> {
    const rows = await ctx.db.query<Post>(
      `INSERT INTO posts AS p (user_id, run_id, group_id, text) VALUES ($1, $2, $3, $4) RETURNING ${POST_COLUMNS}`,
      [authorId, data.runId, data.groupId, data.text],
    );
    const post = hydrate(Post, rows)[0];
    publishAfterCommit(ctx.db, this.events, 'post.created', { postId: post.id, authorId, groupId: post.groupId });
    return post;
  }
}
