import type { Shoe } from '@maratron/schema';
import { select } from '../database/columns';
import type { ColumnMap } from '../database/columns';

/** Columns of `shoes` as Shoe properties. */
export const SHOE_FIELDS: ColumnMap<Shoe> = {
  table: 'shoes',
  fields: {
    id: 'id',
    userId: 'user_id',
    name: 'name',
    brand: 'brand',
    maxDistance: 'max_distance',
    initialDistance: 'initial_distance',
    retired: 'retired',
    isDefault: 'is_default',
    createdAt: 'created_at',
  },
  unmapped: { updated_at: 'bookkeeping, never read' },
};
export const SHOE_COLUMNS = select('s', SHOE_FIELDS);
