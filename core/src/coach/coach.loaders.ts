import DataLoader from 'dataloader';
import { CoachMessage } from '@maratron/schema';
import type { RequestDb } from '../database/request-db';
import { groupByKey, hydrate } from '../database/rows';
import { MESSAGE_COLUMNS } from './coach.sql';
import type { StoredCoachMessage } from './coach.sql';

export function createCoachLoaders(db: RequestDb) {
  return {
    /** Messages of conversations, oldest first (row-level security: the viewer's conversations only). */
    coachMessages: new DataLoader<string, CoachMessage[]>(async (ids) => {
      const rows = await db.query<StoredCoachMessage>(
        `SELECT ${MESSAGE_COLUMNS} FROM coach_messages m WHERE m.conversation_id = ANY($1::uuid[]) ORDER BY m.created_at, m.id`,
        [ids],
      );
      return groupByKey(ids, hydrate(CoachMessage, rows) as StoredCoachMessage[], (m) => m.conversationId);
    }),
  };
}
