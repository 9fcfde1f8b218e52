import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * searchUsers matches anywhere in a username or name ("ann" finds "Joanna"), which a
 * btree can't serve: trigram GIN indexes (pg_trgm, shipped with PostgreSQL) can. The
 * extension lives in `public` and its operator class is named with its schema, so
 * databases that keep tables in another schema (one per test file) share it.
 */
export class UserSearch1764150000000 implements MigrationInterface {
  name = 'UserSearch1764150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public`);
    await q.query(`CREATE INDEX users_username_trgm_idx ON users USING gin (username public.gin_trgm_ops)`);
    await q.query(`CREATE INDEX users_name_trgm_idx ON users USING gin (lower(name) public.gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX users_name_trgm_idx`);
    await q.query(`DROP INDEX users_username_trgm_idx`);
  }
}
