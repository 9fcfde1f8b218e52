import DataLoader from 'dataloader';
import { postVisibleToViewerSql } from '@maratron/domain';
import { Comment, Post } from '@maratron/schema';
import type { RequestDb } from '../database/request-db';
import { childPagesLoader } from '../database/child-pages';
import { byKey, hydrate } from '../database/rows';
import { COMMENT_COLUMNS, POST_COLUMNS } from './posts.sql';

export interface FollowCounts {
  followers: number;
  following: number;
}

/** A post's kudos and comments, and whether the viewer gave kudos: one statement for a page of posts. */
export interface PostStats {
  likes: number;
  comments: number;
  likedByViewer: boolean;
}

/** The viewer's relation to a runner: following them, a request pending, blocked them, followed by them. */
export interface ViewerRelation {
  following: boolean;
  requested: boolean;
  blocked: boolean;
  followsViewer: boolean;
}

const NO_RELATION: ViewerRelation = { following: false, requested: false, blocked: false, followsViewer: false };

export function createSocialLoaders(db: RequestDb, viewerId: string | null) {
  const visiblePost = postVisibleToViewerSql('p', '$1');
  return {
    followCounts: new DataLoader<string, FollowCounts>(async (ids) => {
      const rows = await db.query<{ id: string; followers: number; following: number }>(
        `SELECT k.id,
                (SELECT count(*)::int FROM follows f WHERE f.followee_id = k.id) AS followers,
                (SELECT count(*)::int FROM follows f WHERE f.follower_id = k.id) AS following
           FROM unnest($1::uuid[]) AS k(id)`,
        [ids],
      );
      return rows.map((r) => ({ followers: r.followers, following: r.following }));
    }),
    /** Does the viewer follow this user? */
    viewerFollows: new DataLoader<string, boolean>(async (ids) => {
      if (!viewerId) return ids.map(() => false);
      const rows = await db.query<{ id: string }>(
        `SELECT followee_id AS id FROM follows WHERE follower_id = $1 AND followee_id = ANY($2::uuid[])`,
        [viewerId, ids],
      );
      const followed = new Set(rows.map((r) => r.id));
      return ids.map((id) => followed.has(id));
    }),
    /** Does the viewer follow, have a pending request to follow, or block this runner, and does the runner follow the viewer? One statement a batch. */
    viewerRelation: new DataLoader<string, ViewerRelation>(async (ids) => {
      if (!viewerId) return ids.map(() => NO_RELATION);
      const rows = await db.query<ViewerRelation & { id: string }>(
        `SELECT k.id,
                EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = $1 AND f.followee_id = k.id) AS following,
                EXISTS (SELECT 1 FROM follow_requests r WHERE r.follower_id = $1 AND r.followee_id = k.id) AS requested,
                EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = $1 AND b.blocked_id = k.id) AS blocked,
                EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = k.id AND f.followee_id = $1) AS "followsViewer"
           FROM unnest($2::uuid[]) AS k(id)`,
        [viewerId, ids],
      );
      return byKey(ids, rows, (r) => r.id).map((r) =>
        r ? { following: r.following, requested: r.requested, blocked: r.blocked, followsViewer: r.followsViewer } : NO_RELATION,
      );
    }),

    /** Posts by id that the viewer may see; null for missing or hidden ones. */
    visiblePostById: new DataLoader<string, Post | null>(async (ids) => {
      const rows = await db.query<Post>(`SELECT ${POST_COLUMNS} FROM posts p WHERE p.id = ANY($2::uuid[]) AND ${visiblePost}`, [
        viewerId,
        ids,
      ]);
      return byKey(ids, hydrate(Post, rows), (p) => p.id);
    }),

    /** Kudos and comments per post (of posts the caller already may see), and the viewer's kudos. */
    postStats: new DataLoader<string, PostStats>(async (ids) => {
      const rows = await db.query<PostStats & { id: string }>(
        // The posts are read first (row-level security checks each once); their counts come from
        // a database function, one call for the batch, so the kudos and comments aren't re-checked
        // one by one.
        `SELECT p.id, n.likes, n.comments,
                EXISTS (SELECT 1 FROM post_likes l WHERE l.post_id = p.id AND l.user_id = $2) AS "likedByViewer"
           FROM posts p JOIN maratron_post_counts($1::uuid[]) n ON n.post_id = p.id
          WHERE p.id = ANY($1::uuid[])`,
        [ids, viewerId],
      );
      return byKey(ids, rows, (r) => r.id).map((r) => ({
        likes: r?.likes ?? 0,
        comments: r?.comments ?? 0,
        likedByViewer: r?.likedByViewer ?? false,
      }));
    }),

    /** Comments by id whose post the viewer may see. */
    visibleCommentById: new DataLoader<string, Comment | null>(async (ids) => {
      const rows = await db.query<Comment>(
        `SELECT ${COMMENT_COLUMNS} FROM comments c JOIN posts p ON p.id = c.post_id WHERE c.id = ANY($2::uuid[]) AND ${visiblePost}`,
        [viewerId, ids],
      );
      return byKey(ids, hydrate(Comment, rows), (c) => c.id);
    }),

    /** A post's comments, oldest first (a conversation reads top down). */
    commentsPage: childPagesLoader(
      db,
      viewerId,
      Comment,
      `SELECT ${COMMENT_COLUMNS} FROM comments c
        WHERE c.post_id = k.parent AND (k.c_at IS NULL OR (c.created_at, c.id) > (k.c_at, k.c_id))
        ORDER BY c.created_at, c.id LIMIT $5`,
    ),

    /** A group's posts the viewer may see, newest first. */
    groupPostsPage: childPagesLoader(
      db,
      viewerId,
      Post,
      `SELECT ${POST_COLUMNS} FROM posts p
        WHERE p.group_id = k.parent AND ${visiblePost} AND (k.c_at IS NULL OR (p.created_at, p.id) < (k.c_at, k.c_id))
        ORDER BY p.created_at DESC, p.id DESC LIMIT $5`,
    ),
  };
}
