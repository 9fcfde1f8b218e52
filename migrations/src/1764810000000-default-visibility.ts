import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each runner chooses the visibility their new runs and imports get when they name none
 * (`User.defaultVisibility`); an explicit visibility still wins. New accounts start at FOLLOWERS.
 *
 * Existing accounts get FOLLOWERS too, not the PUBLIC their runs got until now: a privacy default
 * that errs can be undone only one way. A run shown to followers that its runner meant for everyone
 * is made public with one edit; a run shown to everyone (a route from a front door) can't be
 * unseen. Their runs stored so far keep their own visibility: only what comes next changes.
 */
export class DefaultVisibility1764810000000 implements MigrationInterface {
  name = 'DefaultVisibility1764810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users ADD COLUMN default_visibility varchar(16) NOT NULL DEFAULT 'FOLLOWERS'
        CHECK (default_visibility IN ('PUBLIC', 'FOLLOWERS', 'PRIVATE'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN default_visibility`);
  }
}
