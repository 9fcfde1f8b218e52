import type { Comment, Post } from '@maratron/schema';
import { select } from '../database/columns';
import type { ColumnMap } from '../database/columns';

/** Columns of `posts` as Post properties. */
export const POST_FIELDS: ColumnMap<Post> = {
  table: 'posts',
  fields: {
    id: 'id',
    userId: 'user_id',
    runId: 'run_id',
    groupId: 'group_id',
    text: 'text',
    visibility: 'visibility',
    createdAt: 'created_at',
  },
};
export const POST_COLUMNS = select('p', POST_FIELDS);

/** Columns of `comments` as Comment properties. */
export const COMMENT_FIELDS: ColumnMap<Comment> = {
  table: 'comments',
  fields: { id: 'id', postId: 'post_id', userId: 'user_id', text: 'text', createdAt: 'created_at' },
};
export const COMMENT_COLUMNS = select('c', COMMENT_FIELDS);
