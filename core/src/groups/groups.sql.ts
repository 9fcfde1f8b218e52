/** Columns of `groups` (aliased g) as Group properties. */
export const GROUP_COLUMNS = `g.id, g.name, g.description, g.private AS "isPrivate", g.owner_id AS "ownerId", g.created_at AS "createdAt", g.updated_at AS "updatedAt"`;
