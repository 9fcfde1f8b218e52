import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './app-role';

/**
 * Sessions, password resets and two-step sign-in (issue 14, "Trust").
 *
 * - `sessions`: every bearer token names one (its `sid` claim). The request's opening round trip
 *   checks the row (core/src/database/request-db.ts), so deleting it refuses the token at once.
 *   `expires_at` is when its latest token expires: past it the session is over (not listed, and
 *   cleared at the runner's next sign-in). Owner-only under row-level security.
 * - `password_reset_tokens`: one-time reset links, stored as the SHA-256 of the secret sent by
 *   mail. The runtime role has no rights on the table at all: a reset is asked for and used
 *   before anyone is signed in, so it goes through the two SECURITY DEFINER functions below,
 *   which never hand a stored hash back.
 * - `two_factor_credentials` (the TOTP secret, encrypted by the app, and the last time step
 *   accepted, against replay) and `two_factor_recovery_codes` (SHA-256 of each code): owner-only.
 * - `maratron_ended_sessions(ids)`: which of the given sessions no longer exist, for the live
 *   dispatcher, which delivers one event to many viewers' sockets in one transaction.
 */
export class Sessions1764800000000 implements MigrationInterface {
  name = 'Sessions1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        device text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    // sessions: the viewer's, newest first.
    await q.query(`CREATE INDEX sessions_user_created ON sessions (user_id, created_at DESC, id DESC)`);
    await q.query(`ALTER TABLE sessions ENABLE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY sessions_own ON sessions USING (user_id = (SELECT maratron_viewer())) WITH CHECK (user_id = (SELECT maratron_viewer()))`,
    );

    await q.query(`
      CREATE TABLE password_reset_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash bytea NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await q.query(`CREATE INDEX password_reset_tokens_user ON password_reset_tokens (user_id)`);
    await q.query(`ALTER TABLE password_reset_tokens ENABLE ROW LEVEL SECURITY`);
    await q.query(`REVOKE ALL ON password_reset_tokens FROM ${APP_ROLE}`);
    // A reset for the account with this email, if there is one: true when there is (the caller
    // mails the link after the commit). Stores only the hash.
    await q.query(`
      CREATE FUNCTION maratron_issue_password_reset(account_email text, secret_hash bytea, ttl_seconds integer)
        RETURNS boolean LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path FROM CURRENT AS $$
        DECLARE
          account uuid;
        BEGIN
          SELECT id INTO account FROM users WHERE email = account_email;
          IF account IS NULL THEN RETURN false; END IF;
          INSERT INTO password_reset_tokens (user_id, token_hash, expires_at)
            VALUES (account, secret_hash, now() + make_interval(secs => ttl_seconds));
          RETURN true;
        END
      $$`);
    // Uses a reset once: the account it is for, or null when it is unknown, used or expired. Every
    // other link of the account dies with it. Two requests racing with one link: the row lock
    // makes the second find it used.
    await q.query(`
      CREATE FUNCTION maratron_use_password_reset(secret_hash bytea)
        RETURNS uuid LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path FROM CURRENT AS $$
        DECLARE
          account uuid;
        BEGIN
          UPDATE password_reset_tokens SET used_at = now()
            WHERE token_hash = secret_hash AND used_at IS NULL AND expires_at > now()
            RETURNING user_id INTO account;
          IF account IS NULL THEN RETURN NULL; END IF;
          UPDATE password_reset_tokens SET used_at = now() WHERE user_id = account AND used_at IS NULL;
          RETURN account;
        END
      $$`);
    await q.query(`REVOKE ALL ON FUNCTION maratron_issue_password_reset(text, bytea, integer) FROM PUBLIC`);
    await q.query(`REVOKE ALL ON FUNCTION maratron_use_password_reset(bytea) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION maratron_issue_password_reset(text, bytea, integer) TO ${APP_ROLE}`);
    await q.query(`GRANT EXECUTE ON FUNCTION maratron_use_password_reset(bytea) TO ${APP_ROLE}`);

    await q.query(`
      CREATE TABLE two_factor_credentials (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        secret text NOT NULL,
        enabled_at timestamptz,
        last_step bigint,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE two_factor_credentials ENABLE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY two_factor_credentials_own ON two_factor_credentials USING (user_id = (SELECT maratron_viewer())) WITH CHECK (user_id = (SELECT maratron_viewer()))`,
    );
    await q.query(`
      CREATE TABLE two_factor_recovery_codes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        code_hash bytea NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (user_id, code_hash)
      )`);
    await q.query(`ALTER TABLE two_factor_recovery_codes ENABLE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY two_factor_recovery_codes_own ON two_factor_recovery_codes USING (user_id = (SELECT maratron_viewer())) WITH CHECK (user_id = (SELECT maratron_viewer()))`,
    );

    // Which of these sessions have ended (no row): says nothing about a session but whether it
    // still exists, to a caller who already holds its id (a secret carried in a signed token).
    await q.query(`
      CREATE FUNCTION maratron_ended_sessions(ids uuid[]) RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
        SELECT coalesce(array_agg(x), '{}') FROM unnest(ids) x WHERE NOT EXISTS (SELECT 1 FROM sessions s WHERE s.id = x)
      $$`);
    await q.query(`GRANT EXECUTE ON FUNCTION maratron_ended_sessions(uuid[]) TO ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION maratron_ended_sessions(uuid[])`);
    await q.query(`DROP TABLE two_factor_recovery_codes`);
    await q.query(`DROP TABLE two_factor_credentials`);
    await q.query(`DROP FUNCTION maratron_use_password_reset(bytea)`);
    await q.query(`DROP FUNCTION maratron_issue_password_reset(text, bytea, integer)`);
    await q.query(`DROP TABLE password_reset_tokens`);
    await q.query(`DROP TABLE sessions`);
  }
}
