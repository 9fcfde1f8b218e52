import type { CoachConversation, CoachMessage, PlannedWorkout, TrainingPlan } from '@maratron/schema';
import { select } from '../database/columns';
import type { ColumnMap } from '../database/columns';

/** A coach message with the conversation it belongs to (what the messages loader groups by). */
export type StoredCoachMessage = CoachMessage & { conversationId: string };

/** Columns of `coach_messages` as CoachMessage properties. */
export const MESSAGE_FIELDS: ColumnMap<StoredCoachMessage> = {
  table: 'coach_messages',
  fields: { id: 'id', conversationId: 'conversation_id', role: 'role', content: 'content', createdAt: 'created_at' },
  unmapped: { tool_calls: 'the tools an answer used, kept with it for the record; the reply returns them as they were called' },
};
export const MESSAGE_COLUMNS = select('m', MESSAGE_FIELDS);

/** Columns of `coach_conversations` as CoachConversation properties. */
export const CONVERSATION_FIELDS: ColumnMap<CoachConversation> = {
  table: 'coach_conversations',
  fields: { id: 'id', userId: 'user_id', createdAt: 'created_at' },
  unmapped: { updated_at: 'when the conversation was last active: orders the list, never read' },
};
export const CONVERSATION_COLUMNS = select('c', CONVERSATION_FIELDS);

/** A training plan as stored: jsonb gives the workouts' dates back as ISO strings. */
export type StoredTrainingPlan = Omit<TrainingPlan, 'workouts'> & { workouts: (Omit<PlannedWorkout, 'date'> & { date: string })[] };

/** Columns of `training_plans` as TrainingPlan properties. */
export const PLAN_FIELDS: ColumnMap<StoredTrainingPlan> = {
  table: 'training_plans',
  fields: {
    id: 'id',
    goal: 'goal',
    raceDate: 'race_date',
    targetDuration: 'target_duration',
    daysPerWeek: 'days_per_week',
    workouts: 'workouts',
    createdAt: 'created_at',
  },
  unmapped: { user_id: 'the owner: plans are only read by their owner (row-level security), who needs no id' },
};
export const PLAN_COLUMNS = select('p', PLAN_FIELDS);
