import type { Group } from '@maratron/schema';
import { select } from '../database/columns';
import type { ColumnMap } from '../database/columns';

/** Columns of `groups` as Group properties. */
export const GROUP_FIELDS: ColumnMap<Group> = {
  table: 'groups',
  fields: {
    id: 'id',
    name: 'name',
    description: 'description',
    isPrivate: 'private',
    ownerId: 'owner_id',
    createdAt: 'created_at',
  },
  unmapped: { updated_at: 'bookkeeping, never read' },
};
export const GROUP_COLUMNS = select('g', GROUP_FIELDS);
