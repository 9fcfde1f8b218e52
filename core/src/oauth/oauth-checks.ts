/**
 * SQL fragments for the opening round trip of a request made with an OAuth access token
 * (core/src/database/request-db.ts), which goes through the same path as a personal access
 * token's: `id` and `viewer` are UUIDs already checked there, so they are inlined.
 */

/** True while the access token `id` of `viewer` stands: not revoked (its row, or its grant's, deleted) and not expired. */
export const oauthAccessTokenLive = (id: string, viewer: string) =>
  `EXISTS (SELECT 1 FROM oauth_tokens WHERE id = '${id}' AND user_id = '${viewer}' AND kind = 'access' AND expires_at > now())`;

/**
 * A CTE writing the grant's `last_used_at` (authorizedApps' "last used") at most once a minute,
 * never waiting on a row another request holds: no write per request.
 */
export const touchOAuthGrant = (id: string, viewer: string, everySeconds: number) =>
  `touched_grant AS (UPDATE oauth_grants SET last_used_at = now() WHERE id IN (SELECT g.id FROM oauth_grants g JOIN oauth_tokens t ON t.grant_id = g.id WHERE t.id = '${id}' AND g.user_id = '${viewer}' AND (g.last_used_at IS NULL OR g.last_used_at < now() - interval '${everySeconds} seconds') FOR UPDATE OF g SKIP LOCKED) RETURNING 1)`;
