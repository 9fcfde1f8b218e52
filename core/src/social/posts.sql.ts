/** Columns of `posts` (aliased p) as Post properties. */
export const POST_COLUMNS = `p.id, p.user_id AS "userId", p.run_id AS "runId", p.group_id AS "groupId", p.text, p.visibility, p.created_at AS "createdAt"`;

/** Columns of `comments` (aliased c) as Comment properties. */
export const COMMENT_COLUMNS = `c.id, c.post_id AS "postId", c.user_id AS "userId", c.text, c.created_at AS "createdAt"`;
