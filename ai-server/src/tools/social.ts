import { commentTextSchema, newPostSchema, NotificationKind, Visibility } from '@maratron/domain';
import type { Post, User } from '@maratron/schema';
import type { RequestContext, Services } from '@maratron/core';
import { z } from 'zod';
import { toolOutput } from '../tool-results';
import { runJson, runOutput } from '../tools';
import { reads, writes } from './annotations';
import { idArgument, pageCursor, pageLimit } from './arguments';
import { defineTool } from './definition';

// The social side: the feed, posts, kudos, comments and notifications, through PostsService,
// CommentsService and NotificationsService as the feed, createPost, likePost, addComment,
// notifications and markNotificationsRead — visibility, blocks and notifications are theirs.

const personOutput = z.object({ id: z.string(), username: z.string(), name: z.string() });
const person = (user: User | null) => (user ? { id: user.id, username: user.username, name: user.name } : null);

const postOutput = z.object({
  id: z.string(),
  author: personOutput.nullable(),
  text: z.string(),
  run: runOutput.nullable().describe('The run it shares, if any'),
  groupId: z.string().nullable().describe('The group it was posted in; null for a feed post'),
  visibility: z.enum(Visibility),
  createdAt: z.string().describe('ISO 8601 date-time'),
  kudos: z.number().int(),
  comments: z.number().int(),
  kudosFromYou: z.boolean(),
});

async function postJson(s: Services, ctx: RequestContext, post: Post): Promise<z.infer<typeof postOutput>> {
  // As the Post type's field resolvers read them (gateway/src/social/post.resolver.ts).
  const [author, run, stats] = await Promise.all([
    ctx.loaders.userById.load(post.userId),
    post.runId ? ctx.loaders.visibleRunById.load(post.runId) : null,
    s.posts.stats(ctx, post.id),
  ]);
  return {
    id: post.id,
    author: person(author),
    text: post.text,
    run: run ? runJson(run) : null,
    groupId: post.groupId,
    visibility: post.visibility,
    createdAt: post.createdAt.toISOString(),
    kudos: stats.likes,
    comments: stats.comments,
    kudosFromYou: stats.likedByViewer,
  };
}

const postId = idArgument('The post (one you may see)');
const onePost = toolOutput({ post: postOutput });

export const getFeed = defineTool({
  name: 'get_feed',
  description: "The runner's feed, newest first: their own posts, those of the runners they follow and of their groups.",
  input: z.object({ limit: pageLimit, after: pageCursor }),
  output: toolOutput({
    posts: z.array(postOutput),
    nextCursor: z.string().nullable().describe('Pass as `after` for the next page; null at the end'),
  }),
  annotations: reads('Read the feed'),
  async run(s, ctx, { limit, after }) {
    const page = await s.posts.feed(ctx, limit ?? null, after);
    return {
      posts: await Promise.all(page.edges.map((e) => postJson(s, ctx, e.node))),
      nextCursor: page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null,
    };
  },
  summary: ({ posts, nextCursor }) => `${posts.length} posts${nextCursor ? ', more follow' : ''}.`,
});

export const createPost = defineTool({
  name: 'create_post',
  description:
    "Posts to the feed of the runner's followers, or to a group of theirs (as createPost); it may share one of their runs, and is never more visible than the run.",
  input: newPostSchema,
  output: onePost,
  annotations: writes('Post', { destructive: false, idempotent: false }),
  async run(s, ctx, input) {
    return { post: await postJson(s, ctx, await s.posts.create(ctx, input)) };
  },
  summary: ({ post }) => `Posted${post.run ? ` run ${post.run.distanceKm} km` : ''}: ${post.text || '(no text)'}`,
});

export const giveKudos = defineTool({
  name: 'give_kudos',
  description: 'Gives kudos to a post (as likePost; giving it twice is one kudos); its author is notified.',
  input: z.object({ postId }),
  output: onePost,
  annotations: writes('Give kudos', { destructive: false, idempotent: true }),
  async run(s, ctx, { postId: id }) {
    const post = await s.posts.like(ctx, id);
    return { post: await postJson(s, ctx, post) };
  },
  summary: ({ post }) => `Kudos given; the post has ${post.kudos}.`,
});

export const addComment = defineTool({
  name: 'add_comment',
  description: 'Comments on a post the runner may see (as addComment); its author is notified.',
  input: z.object({ postId, text: commentTextSchema.describe('The comment') }),
  output: toolOutput({
    comment: z.object({ id: z.string(), postId: z.string(), text: z.string(), createdAt: z.string().describe('ISO 8601 date-time') }),
  }),
  annotations: writes('Comment on a post', { destructive: false, idempotent: false }),
  async run(s, ctx, { postId: id, text }) {
    const comment = await s.comments.add(ctx, id, text);
    return { comment: { id: comment.id, postId: comment.postId, text: comment.text, createdAt: comment.createdAt.toISOString() } };
  },
  summary: ({ comment }) => `Commented: ${comment.text}`,
});

export const listNotifications = defineTool({
  name: 'list_notifications',
  description:
    "The runner's notifications, newest first (new followers, kudos, comments, group posts and invitations), and how many are unread.",
  input: z.object({ limit: pageLimit, after: pageCursor }),
  output: toolOutput({
    notifications: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(NotificationKind),
        actor: personOutput.nullable().describe('Who did it'),
        postId: z.string().nullable().describe('The post it is about, while you may see it'),
        groupId: z.string().nullable(),
        read: z.boolean(),
        createdAt: z.string().describe('ISO 8601 date-time'),
      }),
    ),
    unread: z.number().int(),
    nextCursor: z.string().nullable().describe('Pass as `after` for the next page; null at the end'),
  }),
  annotations: reads('List notifications'),
  async run(s, ctx, { limit, after }) {
    const page = await s.notifications.page(ctx, limit ?? null, after);
    // As the Notification type's field resolvers read them (gateway/src/notifications/notification.resolver.ts).
    const notifications = await Promise.all(
      page.edges.map(async ({ node: n }) => {
        const [actor, post] = await Promise.all([
          ctx.loaders.userById.load(n.actorId),
          n.postId ? ctx.loaders.visiblePostById.load(n.postId) : null,
        ]);
        return {
          id: n.id,
          kind: n.kind,
          actor: person(actor),
          postId: post?.id ?? null,
          groupId: n.groupId,
          read: n.readAt !== null,
          createdAt: n.createdAt.toISOString(),
        };
      }),
    );
    return { notifications, unread: await page.unread(), nextCursor: page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null };
  },
  summary: ({ notifications, unread }) => `${notifications.length} notifications, ${unread} unread.`,
});

export const markNotificationsRead = defineTool({
  name: 'mark_notifications_read',
  description: "Marks all the runner's unread notifications read (as markNotificationsRead).",
  input: z.object({}),
  output: toolOutput({ marked: z.number().int().describe('How many were unread') }),
  annotations: writes('Mark notifications read', { destructive: false, idempotent: true }),
  async run(s, ctx) {
    return { marked: await s.notifications.markRead(ctx) };
  },
  summary: ({ marked }) => `Marked ${marked} notifications read.`,
});
