import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The checks of a request's opening round trip (core/src/database/request-db.ts) as functions:
 * does the token's session — or access token, personal or OAuth — still stand, with its last use
 * written at most once every `touch_seconds` (NULL: never, for a read-only transaction), never
 * waiting on a row another request of the same credential holds (SKIP LOCKED).
 *
 * As one SQL text per request they were parsed, rewritten for row-level security and planned on
 * every request, and their UPDATE set up even when it had nothing to write: about half of
 * PostgreSQL's work for a page of runs. A PL/pgSQL function keeps its statements' plans for the
 * connection and runs the UPDATE only when the last use is stale. Security invoker: they run as
 * the request's role, under the same policies as before.
 */
/** A last use older than `touch_seconds`, or none yet: time to write it again. */
const stale = (column: string) => `(${column} IS NULL OR ${column} < now() - make_interval(secs => touch_seconds))`;

/**
 * Writes the last use of the viewer's row `id` of `table` when the one read into `used` is stale,
 * skipping the row if another request of the same credential holds it.
 */
const touchOwnRow = (table: string, id: string) => `        IF touch_seconds IS NOT NULL AND ${stale('used')} THEN
          UPDATE ${table} SET last_used_at = now()
           WHERE id IN (SELECT x.id FROM ${table} x
                         WHERE x.id = ${id} AND x.user_id = viewer AND ${stale('x.last_used_at')}
                           FOR UPDATE SKIP LOCKED);
        END IF;`;

export class OpeningChecks1764860000000 implements MigrationInterface {
  name = 'OpeningChecks1764860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION maratron_session_live(session_id uuid, viewer uuid, touch_seconds int) RETURNS boolean
      LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      DECLARE
        used timestamptz;
      BEGIN
        SELECT s.last_used_at INTO used FROM sessions s WHERE s.id = session_id AND s.user_id = viewer;
        IF NOT FOUND THEN
          RETURN false;
        END IF;
${touchOwnRow('sessions', 'session_id')}
        RETURN true;
      END $$`);
    await q.query(`
      CREATE FUNCTION maratron_access_token_live(token_id uuid, viewer uuid, touch_seconds int) RETURNS boolean
      LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      DECLARE
        used timestamptz;
      BEGIN
        -- A personal access token: its own last use.
        SELECT t.last_used_at INTO used FROM personal_access_tokens t
         WHERE t.id = token_id AND t.user_id = viewer AND (t.expires_at IS NULL OR t.expires_at > now());
        IF FOUND THEN
${touchOwnRow('personal_access_tokens', 'token_id')}
          RETURN true;
        END IF;
        -- An OAuth access token: its grant's last use (authorizedApps' "last used").
        IF NOT EXISTS (SELECT 1 FROM oauth_tokens t
                        WHERE t.id = token_id AND t.user_id = viewer AND t.kind = 'access' AND t.expires_at > now()) THEN
          RETURN false;
        END IF;
        IF touch_seconds IS NOT NULL THEN
          SELECT g.last_used_at INTO used FROM oauth_tokens t JOIN oauth_grants g ON g.id = t.grant_id
           WHERE t.id = token_id AND g.user_id = viewer;
          IF FOUND AND ${stale('used')} THEN
            UPDATE oauth_grants SET last_used_at = now()
             WHERE id IN (SELECT g.id FROM oauth_grants g JOIN oauth_tokens t ON t.grant_id = g.id
                           WHERE t.id = token_id AND g.user_id = viewer
                             AND ${stale('g.last_used_at')}
                             FOR UPDATE OF g SKIP LOCKED);
          END IF;
        END IF;
        RETURN true;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION maratron_access_token_live(uuid, uuid, int)`);
    await q.query(`DROP FUNCTION maratron_session_live(uuid, uuid, int)`);
  }
}
