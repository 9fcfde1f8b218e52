/** Columns of `runs` (aliased r) as Run properties. */
export const RUN_COLUMNS = `r.id, r.user_id AS "userId", r.shoe_id AS "shoeId", r.name, r.started_at AS "startedAt",
  r.distance, r.duration, r.elevation_gain AS "elevationGain", r.average_heart_rate AS "averageHeartRate",
  r.environment, r.visibility, r.notes, r.created_at AS "createdAt", r.updated_at AS "updatedAt"`;
