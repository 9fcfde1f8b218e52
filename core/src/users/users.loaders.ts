import DataLoader from 'dataloader';
import { TrainingProfile, User } from '@maratron/schema';
import type { RequestDb } from '../database/request-db';
import { byKey, hydrate } from '../database/rows';
import { USER_COLUMNS } from './users.sql';

export function createUserLoaders(db: RequestDb) {
  return {
    userById: new DataLoader<string, User | null>(async (ids) => {
      const rows = await db.query(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = ANY($1::uuid[])`, [ids]);
      return byKey(ids, hydrate(User, rows), (u) => u.id);
    }),
    trainingProfile: new DataLoader<string, TrainingProfile | null>(async (ids) => {
      const rows = await db.query(
        `SELECT user_id AS "userId", level, goals, weekly_distance_goal AS "weeklyDistanceGoal",
                preferred_days AS "preferredDays", years_running AS "yearsRunning", injury_notes AS "injuryNotes",
                updated_at AS "updatedAt"
           FROM training_profiles WHERE user_id = ANY($1::uuid[])`,
        [ids],
      );
      return byKey(ids, hydrate(TrainingProfile, rows), (p) => p.userId);
    }),
  };
}
