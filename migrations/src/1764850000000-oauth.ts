import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './app-role';

/**
 * OAuth 2.1 (issue 15, "Integrators"): the gateway as an authorization server for apps and MCP
 * clients (core/src/oauth).
 *
 * - `oauth_clients`: dynamically registered clients (RFC 7591), all public (PKCE, no secret). Not
 *   anyone's: read and written by the authorization server as the table owner; under row-level
 *   security the runtime role only reads them (an app's name in the runner's lists).
 * - `oauth_authorization_requests`: an authorization request waiting for the runner's consent,
 *   for a few minutes; the consent page names it. Written and read as the table owner only.
 * - `oauth_grants`: what a runner approved for an app (its scopes and the resource its tokens are
 *   for): `authorizedApps`. Deleting the row ends every code and token of it (cascade).
 * - `oauth_tokens`: the grant's authorization codes, access tokens and refresh tokens, each stored
 *   as the SHA-256 of its secret (a code with its PKCE challenge and redirect URI; a token with its
 *   scopes, which a refresh may narrow). A used code or a rotated refresh token keeps its row with
 *   `used_at`, so presenting it again is recognised as replay (which ends the grant). Owner-only
 *   for the runtime role: the request's opening round trip checks an access token's row as the
 *   viewer, so deleting it (revocation) refuses it at once.
 * - `maratron_oauth_access_token(hash)`: who a presented access token belongs to, before anyone
 *   is signed in; `maratron_ended_sessions(ids)` answers for access token ids too (live sockets).
 */
export class OAuth1764850000000 implements MigrationInterface {
  name = 'OAuth1764850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE oauth_clients (
        client_id text PRIMARY KEY,
        name text NOT NULL,
        metadata jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE oauth_clients ENABLE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY oauth_clients_read ON oauth_clients FOR SELECT USING (true)`);

    await q.query(`
      CREATE TABLE oauth_authorization_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        client_id text NOT NULL REFERENCES oauth_clients(client_id) ON DELETE CASCADE,
        scopes text[] NOT NULL,
        redirect_uri text NOT NULL,
        code_challenge text NOT NULL,
        state text,
        resource text NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX oauth_authorization_requests_expires ON oauth_authorization_requests (expires_at)`);
    await q.query(`ALTER TABLE oauth_authorization_requests ENABLE ROW LEVEL SECURITY`);
    await q.query(`REVOKE ALL ON oauth_authorization_requests FROM ${APP_ROLE}`);

    await q.query(`
      CREATE TABLE oauth_grants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        client_id text NOT NULL REFERENCES oauth_clients(client_id) ON DELETE CASCADE,
        scopes text[] NOT NULL,
        resource text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz
      )`);
    // authorizedApps: the viewer's, newest first.
    await q.query(`CREATE INDEX oauth_grants_user_created ON oauth_grants (user_id, created_at DESC, id DESC)`);
    await q.query(`ALTER TABLE oauth_grants ENABLE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY oauth_grants_own ON oauth_grants USING (user_id = (SELECT maratron_viewer())) WITH CHECK (user_id = (SELECT maratron_viewer()))`,
    );

    await q.query(`
      CREATE TABLE oauth_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        grant_id uuid NOT NULL REFERENCES oauth_grants(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('code', 'access', 'refresh')),
        token_hash bytea NOT NULL UNIQUE,
        code_challenge text,
        redirect_uri text,
        scopes text[],
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await q.query(`CREATE INDEX oauth_tokens_grant ON oauth_tokens (grant_id)`);
    await q.query(`CREATE INDEX oauth_tokens_user ON oauth_tokens (user_id)`);
    await q.query(`ALTER TABLE oauth_tokens ENABLE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY oauth_tokens_own ON oauth_tokens USING (user_id = (SELECT maratron_viewer())) WITH CHECK (user_id = (SELECT maratron_viewer()))`,
    );

    await q.query(`
      CREATE FUNCTION maratron_oauth_access_token(secret_hash bytea)
        RETURNS TABLE (id uuid, user_id uuid, client_id text, scopes text[], resource text, expires_at timestamptz)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
        SELECT t.id, t.user_id, g.client_id, coalesce(t.scopes, g.scopes), g.resource, t.expires_at
          FROM oauth_tokens t JOIN oauth_grants g ON g.id = t.grant_id
         WHERE t.token_hash = secret_hash AND t.kind = 'access' AND t.expires_at > now()
      $$`);
    await q.query(`REVOKE ALL ON FUNCTION maratron_oauth_access_token(bytea) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION maratron_oauth_access_token(bytea) TO ${APP_ROLE}`);
    await q.query(`
      CREATE OR REPLACE FUNCTION maratron_ended_sessions(ids uuid[]) RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
        SELECT coalesce(array_agg(x), '{}') FROM unnest(ids) x
         WHERE NOT EXISTS (SELECT 1 FROM sessions s WHERE s.id = x)
           AND NOT EXISTS (SELECT 1 FROM personal_access_tokens t WHERE t.id = x AND (t.expires_at IS NULL OR t.expires_at > now()))
           AND NOT EXISTS (SELECT 1 FROM oauth_tokens o WHERE o.id = x AND o.kind = 'access' AND o.expires_at > now())
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION maratron_ended_sessions(ids uuid[]) RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
        SELECT coalesce(array_agg(x), '{}') FROM unnest(ids) x
         WHERE NOT EXISTS (SELECT 1 FROM sessions s WHERE s.id = x)
           AND NOT EXISTS (SELECT 1 FROM personal_access_tokens t WHERE t.id = x AND (t.expires_at IS NULL OR t.expires_at > now()))
      $$`);
    await q.query(`DROP FUNCTION maratron_oauth_access_token(bytea)`);
    await q.query(`DROP TABLE oauth_tokens`);
    await q.query(`DROP TABLE oauth_grants`);
    await q.query(`DROP TABLE oauth_authorization_requests`);
    await q.query(`DROP TABLE oauth_clients`);
  }
}
