import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './app-role';

/**
 * Personal access tokens (issue 15, "Integrators").
 *
 * - `personal_access_tokens`: a runner's named tokens with their scopes and optional expiry,
 *   stored as the SHA-256 of the secret (never the secret). Owner-only under row-level security:
 *   the request's opening round trip (core/src/database/request-db.ts) checks the row as the
 *   viewer, so deleting it (revokePersonalAccessToken) refuses the token at once.
 * - `maratron_personal_access_token(hash)`: who a presented secret belongs to, before anyone is
 *   signed in — the token's id, owner, scopes and expiry for a live token with that hash, nothing
 *   otherwise; it never hands a stored hash back.
 * - `maratron_ended_sessions(ids)` also answers for access token ids, so the live dispatcher's check
 *   before each delivery closes a revoked or expired token's connection even if the revocation
 *   event never reached this process.
 */
export class PersonalAccessTokens1764830000000 implements MigrationInterface {
  name = 'PersonalAccessTokens1764830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE personal_access_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        name text NOT NULL,
        scopes text[] NOT NULL,
        token_hash bytea NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        expires_at timestamptz
      )`);
    // personalAccessTokens: the viewer's, newest first.
    await q.query(`CREATE INDEX personal_access_tokens_user_created ON personal_access_tokens (user_id, created_at DESC, id DESC)`);
    await q.query(`ALTER TABLE personal_access_tokens ENABLE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY personal_access_tokens_own ON personal_access_tokens USING (user_id = (SELECT maratron_viewer())) WITH CHECK (user_id = (SELECT maratron_viewer()))`,
    );
    await q.query(`
      CREATE FUNCTION maratron_personal_access_token(secret_hash bytea)
        RETURNS TABLE (id uuid, user_id uuid, scopes text[], expires_at timestamptz)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
        SELECT t.id, t.user_id, t.scopes, t.expires_at FROM personal_access_tokens t
         WHERE t.token_hash = secret_hash AND (t.expires_at IS NULL OR t.expires_at > now())
      $$`);
    await q.query(`REVOKE ALL ON FUNCTION maratron_personal_access_token(bytea) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION maratron_personal_access_token(bytea) TO ${APP_ROLE}`);
    // The live dispatcher's check before each delivery now covers access tokens too: an id ends
    // when it is neither a session nor a live (unrevoked, unexpired) access token.
    await q.query(`
      CREATE OR REPLACE FUNCTION maratron_ended_sessions(ids uuid[]) RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
        SELECT coalesce(array_agg(x), '{}') FROM unnest(ids) x
         WHERE NOT EXISTS (SELECT 1 FROM sessions s WHERE s.id = x)
           AND NOT EXISTS (SELECT 1 FROM personal_access_tokens t WHERE t.id = x AND (t.expires_at IS NULL OR t.expires_at > now()))
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION maratron_ended_sessions(ids uuid[]) RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
        SELECT coalesce(array_agg(x), '{}') FROM unnest(ids) x WHERE NOT EXISTS (SELECT 1 FROM sessions s WHERE s.id = x)
      $$`);
    await q.query(`DROP FUNCTION maratron_personal_access_token(bytea)`);
    await q.query(`DROP TABLE personal_access_tokens`);
  }
}
