import type { Run } from '@maratron/schema';
import { select } from '../database/columns';
import type { ColumnMap } from '../database/columns';

/** Columns of `runs` as Run properties. */
export const RUN_FIELDS: ColumnMap<Run> = {
  table: 'runs',
  fields: {
    id: 'id',
    userId: 'user_id',
    shoeId: 'shoe_id',
    name: 'name',
    startedAt: 'started_at',
    distance: 'distance',
    duration: 'duration',
    elevationGain: 'elevation_gain',
    averageHeartRate: 'average_heart_rate',
    maxHeartRate: 'max_heart_rate',
    averageCadence: 'average_cadence',
    environment: 'environment',
    visibility: 'visibility',
    hideTrack: 'hide_track',
    notes: 'notes',
    createdAt: 'created_at',
  },
  unmapped: { updated_at: 'bookkeeping, never read' },
};
export const RUN_COLUMNS = select('r', RUN_FIELDS);
