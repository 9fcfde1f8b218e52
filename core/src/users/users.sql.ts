import type { TrainingProfile, User } from '@maratron/schema';
import { select } from '../database/columns';
import type { ColumnMap } from '../database/columns';

/** Columns of `users` as User properties (never the password hash). */
export const USER_FIELDS: ColumnMap<User> = {
  table: 'users',
  fields: {
    id: 'id',
    email: 'email',
    username: 'username',
    name: 'name',
    bio: 'bio',
    units: 'units',
    createdAt: 'created_at',
    defaultVisibility: 'default_visibility',
    followPolicy: 'follow_policy',
  },
  unmapped: {
    password_hash: 'never part of a User: read only where a password is checked (UsersService)',
    updated_at: 'bookkeeping, never read',
  },
};
export const USER_COLUMNS = select('u', USER_FIELDS);

/** Columns of `training_profiles` as TrainingProfile properties. */
export const TRAINING_PROFILE_FIELDS: ColumnMap<TrainingProfile> = {
  table: 'training_profiles',
  fields: {
    userId: 'user_id',
    level: 'level',
    goals: 'goals',
    weeklyDistanceGoal: 'weekly_distance_goal',
    preferredDays: 'preferred_days',
    yearsRunning: 'years_running',
    injuryNotes: 'injury_notes',
    maxHeartRate: 'max_heart_rate',
    restingHeartRate: 'resting_heart_rate',
    timeZone: 'time_zone',
  },
  unmapped: { updated_at: 'bookkeeping, never read' },
};
export const TRAINING_PROFILE_COLUMNS = select('t', TRAINING_PROFILE_FIELDS);
