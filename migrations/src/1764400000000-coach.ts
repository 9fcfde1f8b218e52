import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The coach's conversations and messages, and generated training plans, with row-level
 * security: each is its owner's alone — every statement, read or write, only touches the
 * viewer's own rows; a message belongs to whoever owns its conversation.
 */
export class Coach1764400000000 implements MigrationInterface {
  name = 'Coach1764400000000';

  async up(q: QueryRunner): Promise<void> {
    // A conversation's id may come from the client (a fresh UUID, so it can subscribe first).
    await q.query(`
      CREATE TABLE coach_conversations (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX coach_conversations_user_idx ON coach_conversations (user_id, updated_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE coach_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conversation_id uuid NOT NULL REFERENCES coach_conversations(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('user', 'assistant')),
        content text NOT NULL,
        tool_calls jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX coach_messages_conversation_idx ON coach_messages (conversation_id, created_at, id)`);
    await q.query(`
      CREATE TABLE training_plans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        goal text NOT NULL,
        race_date timestamptz NOT NULL,
        target_duration integer,
        days_per_week integer NOT NULL CHECK (days_per_week BETWEEN 3 AND 7),
        workouts jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX training_plans_user_idx ON training_plans (user_id, created_at DESC, id DESC)`);

    for (const table of ['coach_conversations', 'training_plans']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY ${table}_read ON ${table} FOR SELECT USING (user_id = (SELECT maratron_viewer()))`);
      await q.query(`CREATE POLICY ${table}_insert ON ${table} FOR INSERT WITH CHECK (user_id = (SELECT maratron_viewer()))`);
      await q.query(
        `CREATE POLICY ${table}_update ON ${table} FOR UPDATE USING (user_id = (SELECT maratron_viewer())) WITH CHECK (user_id = (SELECT maratron_viewer()))`,
      );
      await q.query(`CREATE POLICY ${table}_delete ON ${table} FOR DELETE USING (user_id = (SELECT maratron_viewer()))`);
    }
    const ownConversation = `EXISTS (SELECT 1 FROM coach_conversations c WHERE c.id = coach_messages.conversation_id AND c.user_id = (SELECT maratron_viewer()))`;
    await q.query(`ALTER TABLE coach_messages ENABLE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY coach_messages_read ON coach_messages FOR SELECT USING (${ownConversation})`);
    await q.query(`CREATE POLICY coach_messages_insert ON coach_messages FOR INSERT WITH CHECK (${ownConversation})`);
    await q.query(
      `CREATE POLICY coach_messages_update ON coach_messages FOR UPDATE USING (${ownConversation}) WITH CHECK (${ownConversation})`,
    );
    await q.query(`CREATE POLICY coach_messages_delete ON coach_messages FOR DELETE USING (${ownConversation})`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE training_plans`);
    await q.query(`DROP TABLE coach_messages`);
    await q.query(`DROP TABLE coach_conversations`);
  }
}
