import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, VIEWER_SETTING } from './app-role';

/**
 * Row-level security: the database itself keeps runners apart. The policies state the same
 * rules as the app's visibility function (schema/src/rules/visibility.ts) — a test checks
 * that both agree — so a query that forgets a filter still returns nothing it must not.
 *
 * Later migrations that add tables enable RLS on them and add their policies; the grants
 * come from the default privileges set here.
 */
/** The visibility rule for a table with `user_id` and `visibility` columns. */
export function visibleToViewer(table: string): string {
  return `(SELECT maratron_viewer()) IS NOT NULL AND (${table}.user_id = (SELECT maratron_viewer()) OR ${table}.visibility = 'PUBLIC'
    OR (${table}.visibility = 'FOLLOWERS' AND EXISTS (
      SELECT 1 FROM follows f WHERE f.follower_id = (SELECT maratron_viewer()) AND f.followee_id = ${table}.user_id)))`;
}

export class RowLevelSecurity1764160000000 implements MigrationInterface {
  name = 'RowLevelSecurity1764160000000';

  async up(q: QueryRunner): Promise<void> {
    // The role is cluster-wide; several databases (or test schemas) may race to create it.
    await q.query(`
      DO $$ BEGIN
        CREATE ROLE ${APP_ROLE} NOLOGIN;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    // The user that connects must be able to SET ROLE to it (superusers always can).
    await q.query(`
      DO $$ BEGIN
        IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
           AND NOT pg_has_role(current_user, '${APP_ROLE}', 'MEMBER') THEN
          EXECUTE format('GRANT ${APP_ROLE} TO %I', current_user);
        END IF;
      END $$`);
    await q.query(`
      DO $$ BEGIN
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO ${APP_ROLE}', current_schema());
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO ${APP_ROLE}', current_schema());
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE}', current_schema());
        EXECUTE format('REVOKE ALL ON %I.migrations FROM ${APP_ROLE}', current_schema());
      END $$`);

    await q.query(`
      CREATE FUNCTION maratron_viewer() RETURNS uuid LANGUAGE sql STABLE AS
        $$ SELECT nullif(current_setting('${VIEWER_SETTING}', true), '')::uuid $$`);
    // Policies call it as `(SELECT maratron_viewer())`: a scalar subquery is an InitPlan,
    // evaluated once per statement, where a bare call is evaluated again for every row.
    // The visibility rule, as a policy expression over a row's `user_id` and `visibility`:
    // PUBLIC to everyone signed in, FOLLOWERS to the owner and their followers, PRIVATE to
    // the owner. Written out in each policy rather than as a function, because PostgreSQL
    // can't inline a function with a subquery and would call it row by row.
    // Profiles are public; an account changes only itself. Sign-up has no viewer yet.
    await q.query(`ALTER TABLE users ENABLE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY users_read ON users FOR SELECT USING (true)`);
    await q.query(`CREATE POLICY users_sign_up ON users FOR INSERT WITH CHECK (true)`);
    await q.query(`CREATE POLICY users_update ON users FOR UPDATE USING (id = (SELECT maratron_viewer()))`);
    await q.query(`CREATE POLICY users_delete ON users FOR DELETE USING (id = (SELECT maratron_viewer()))`);

    await q.query(`ALTER TABLE training_profiles ENABLE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY training_profiles_own ON training_profiles USING (user_id = (SELECT maratron_viewer())) WITH CHECK (user_id = (SELECT maratron_viewer()))`,
    );

    // Shoes are public gear lists; only their runner changes them.
    await q.query(`ALTER TABLE shoes ENABLE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY shoes_read ON shoes FOR SELECT USING (true)`);
    await q.query(
      `CREATE POLICY shoes_write ON shoes FOR ALL USING (user_id = (SELECT maratron_viewer())) WITH CHECK (user_id = (SELECT maratron_viewer()))`,
    );

    await q.query(`ALTER TABLE runs ENABLE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY runs_read ON runs FOR SELECT USING (${visibleToViewer('runs')})`);
    await q.query(`CREATE POLICY runs_insert ON runs FOR INSERT WITH CHECK (user_id = (SELECT maratron_viewer()))`);
    await q.query(
      `CREATE POLICY runs_update ON runs FOR UPDATE USING (user_id = (SELECT maratron_viewer())) WITH CHECK (user_id = (SELECT maratron_viewer()))`,
    );
    await q.query(`CREATE POLICY runs_delete ON runs FOR DELETE USING (user_id = (SELECT maratron_viewer()))`);

    // Who follows whom is public (counts, isFollowedByViewer); you follow and unfollow as yourself.
    await q.query(`ALTER TABLE follows ENABLE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY follows_read ON follows FOR SELECT USING (true)`);
    await q.query(`CREATE POLICY follows_insert ON follows FOR INSERT WITH CHECK (follower_id = (SELECT maratron_viewer()))`);
    await q.query(`CREATE POLICY follows_delete ON follows FOR DELETE USING (follower_id = (SELECT maratron_viewer()))`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['follows', 'runs', 'shoes', 'training_profiles', 'users']) {
      await q.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
      const policies = await q.query(`SELECT policyname FROM pg_policies WHERE tablename = $1 AND schemaname = current_schema()`, [table]);
      for (const { policyname } of policies) await q.query(`DROP POLICY ${policyname} ON ${table}`);
    }
    await q.query(`DROP FUNCTION maratron_viewer()`);
  }
}
