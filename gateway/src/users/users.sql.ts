/** Columns of `users` as User properties (never the password hash). */
export const USER_COLUMNS = `u.id, u.email, u.username, u.name, u.bio, u.units, u.created_at AS "createdAt", u.updated_at AS "updatedAt"`;
