/** Columns of `notifications` (aliased n) as Notification properties. */
export const NOTIFICATION_COLUMNS = `n.id, n.user_id AS "userId", n.actor_id AS "actorId", n.kind, n.post_id AS "postId",
  n.group_id AS "groupId", n.read_at AS "readAt", n.created_at AS "createdAt"`;
