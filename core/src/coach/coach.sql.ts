/** Columns of `coach_messages` (aliased `m`) as CoachMessage properties. */
export const MESSAGE_COLUMNS = `m.id, m.conversation_id AS "conversationId", m.role, m.content, m.created_at AS "createdAt"`;
