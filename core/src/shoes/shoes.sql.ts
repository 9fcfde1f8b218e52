import { select } from '../database/columns';

/** Columns of `shoes` as Shoe properties. (`updated_at` is bookkeeping, never read). */
export const SHOE_FIELDS = {
  id: 'id', userId: 'user_id', name: 'name', brand: 'brand', maxDistance: 'max_distance',
  initialDistance: 'initial_distance', retired: 'retired', isDefault: 'is_default',
  createdAt: 'created_at',
};
export const SHOE_COLUMNS = select('s', SHOE_FIELDS);
