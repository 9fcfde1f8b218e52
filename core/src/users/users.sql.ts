import { select } from '../database/columns';

/** Columns of `users` as User properties (never the password hash). (`updated_at` is bookkeeping, never read). */
export const USER_FIELDS = {
  id: 'id', email: 'email', username: 'username', name: 'name', bio: 'bio', units: 'units',
  createdAt: 'created_at',
};
export const USER_COLUMNS = select('u', USER_FIELDS);
