import DataLoader from 'dataloader';
import { TrainingProfile, User } from '@maratron/schema';
import type { RequestDb } from '../database/request-db';
import { byKey, hydrate } from '../database/rows';
import { TRAINING_PROFILE_COLUMNS, USER_COLUMNS } from './users.sql';

export function createUserLoaders(db: RequestDb) {
  return {
    userById: new DataLoader<string, User | null>(async (ids) => {
      const rows = await db.query<User>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = ANY($1::uuid[])`, [ids]);
      return byKey(ids, hydrate(User, rows), (u) => u.id);
    }),
    trainingProfile: new DataLoader<string, TrainingProfile | null>(async (ids) => {
      const rows = await db.query<TrainingProfile>(
        `SELECT ${TRAINING_PROFILE_COLUMNS} FROM training_profiles t WHERE t.user_id = ANY($1::uuid[])`,
        [ids],
      );
      return byKey(ids, hydrate(TrainingProfile, rows), (p) => p.userId);
    }),
  };
}
