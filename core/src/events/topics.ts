/**
 * Every event topic and its payload. Payloads are small JSON objects of ids, never entities:
 * they cross Redis between processes (gateway replicas, the ai-server), and whoever delivers
 * something re-reads it from the database as the receiving viewer may see it.
 */
export interface Topics {
  /** A post was created (by hand, by sharing a run, or through MCP). */
  'post.created': { postId: string; authorId: string; groupId: string | null };
  /** A post's likes or comments changed (`actorId`: who liked or commented). */
  'post.updated': { postId: string; actorId: string };
  'comment.created': { commentId: string; postId: string; actorId: string };
  'notification.created': { notificationId: string; userId: string };
  'run.created': { runId: string; userId: string };
  /** One of `userId`'s runs was edited (published beside leaderboard.changed, which names no run). */
  'run.updated': { runId: string; userId: string };
  /** One of `userId`'s runs was deleted. */
  'run.deleted': { runId: string; userId: string };
  /** `userId` has a new current training plan (generated through GraphQL, the coach or MCP). */
  'plan.changed': { planId: string; userId: string };
  /** An MCP session of `userId`'s ended (DELETE, or evicted past the runner's limit): every process closes its stream. */
  'mcp-session.ended': { mcpSessionId: string; userId: string };
  /** An MCP session's notification stream opened in process `origin`: any other process holding one for it closes its own. */
  'mcp-session.stream-opened': { mcpSessionId: string; userId: string; origin: string };
  /** A runner's totals changed otherwise than by a new run (a run edited or deleted). */
  'leaderboard.changed': { userId: string };
  /** A bulk import job moved on (files processed, or it finished). */
  'import.progress': { jobId: string; userId: string };
  /** An account was deleted: its live connections close. */
  'account.deleted': { userId: string };
  /** A runner's profile or training profile changed: cached summaries of them are stale. */
  'profile.changed': { userId: string };
  /** A runner's shoes changed (added, edited, retired): cached summaries of them are stale. */
  'shoe.changed': { userId: string };
  /** Sessions of `userId`'s ended (signOut, revokeSession, a password change or reset): their live connections close. */
  'session.ended': { userId: string; sessionIds: string[] };
  /** Personal access tokens of `userId`'s were revoked: their live connections close. */
  'access-token.revoked': { userId: string; accessTokenIds: string[] };
  /** A piece of the coach's answer in a conversation of `userId`'s; `done` marks the last. */
  'coach.chunk': { conversationId: string; userId: string; delta: string; done: boolean };
}

export type Topic = keyof Topics;

/**
 * Who caused an event. Deciding who receives it reads the database as this runner (under
 * row-level security): the author of a post, whoever liked or commented, the runner whose
 * runs changed — each of them may see what their event is about.
 */
export function actorOf(payload: Topics[Topic]): string {
  if ('actorId' in payload) return payload.actorId;
  if ('authorId' in payload) return payload.authorId;
  return payload.userId;
}
