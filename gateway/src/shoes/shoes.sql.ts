/** Columns of `shoes` (aliased s) as Shoe properties. */
export const SHOE_COLUMNS = `s.id, s.user_id AS "userId", s.name, s.brand, s.max_distance AS "maxDistance",
  s.initial_distance AS "initialDistance", s.retired, s.is_default AS "isDefault", s.created_at AS "createdAt", s.updated_at AS "updatedAt"`;
