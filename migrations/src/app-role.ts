/**
 * The runtime role. The gateway, the ai-server and the job workers run every request's SQL
 * as this role (`SET LOCAL ROLE`), with the viewer in the transaction-local setting
 * `maratron.viewer_id`, whatever user DATABASE_URL names: it owns nothing, so PostgreSQL's
 * row-level security policies apply to it.
 */
export const APP_ROLE = 'maratron_app';
export const VIEWER_SETTING = 'maratron.viewer_id';
