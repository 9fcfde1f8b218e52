import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The spine: accounts, their private training profile, shoes, runs and follows.
 * Every list query has its index here: a runner's runs newest first (keyset on
 * started_at, id), a shoe's runs (derived distance), followers of a runner, username
 * and name prefix search.
 */
export class AccountsRunsShoes1764100000000 implements MigrationInterface {
  name = 'AccountsRunsShoes1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email varchar(254) NOT NULL,
        username varchar(30) NOT NULL,
        password_hash varchar(255) NOT NULL,
        name varchar(100) NOT NULL,
        bio text,
        units varchar(16) NOT NULL DEFAULT 'METRIC' CHECK (units IN ('METRIC', 'IMPERIAL')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_email_key UNIQUE (email),
        CONSTRAINT users_username_key UNIQUE (username)
      )`);
    await q.query(`CREATE INDEX users_username_prefix_idx ON users (username text_pattern_ops)`);
    await q.query(`CREATE INDEX users_name_prefix_idx ON users (lower(name) text_pattern_ops)`);

    await q.query(`
      CREATE TABLE training_profiles (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        level varchar(16) CHECK (level IN ('BEGINNER', 'INTERMEDIATE', 'ADVANCED')),
        goals text[] NOT NULL DEFAULT '{}',
        weekly_distance_goal double precision,
        preferred_days varchar[] NOT NULL DEFAULT '{}',
        years_running int,
        injury_notes text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE shoes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        name varchar(100) NOT NULL,
        brand varchar(100),
        max_distance double precision NOT NULL CHECK (max_distance > 0),
        initial_distance double precision NOT NULL DEFAULT 0 CHECK (initial_distance >= 0),
        retired boolean NOT NULL DEFAULT false,
        is_default boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT shoes_default_not_retired CHECK (NOT (is_default AND retired))
      )`);
    await q.query(`CREATE INDEX shoes_user_idx ON shoes (user_id, created_at)`);
    // One default shoe per runner, enforced by the database.
    await q.query(`CREATE UNIQUE INDEX shoes_one_default_idx ON shoes (user_id) WHERE is_default`);

    await q.query(`
      CREATE TABLE runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        shoe_id uuid REFERENCES shoes(id) ON DELETE SET NULL,
        name varchar(120),
        started_at timestamptz NOT NULL,
        distance double precision NOT NULL CHECK (distance > 0),
        duration int NOT NULL CHECK (duration > 0),
        elevation_gain double precision,
        average_heart_rate int,
        environment varchar(16) NOT NULL DEFAULT 'OUTDOOR' CHECK (environment IN ('OUTDOOR', 'TREADMILL', 'TRACK', 'TRAIL')),
        visibility varchar(16) NOT NULL DEFAULT 'PUBLIC' CHECK (visibility IN ('PUBLIC', 'FOLLOWERS', 'PRIVATE')),
        notes text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX runs_user_started_idx ON runs (user_id, started_at DESC, id DESC)`);
    // Covers the derived shoe distance (SUM(distance) per shoe) without touching the heap.
    await q.query(`CREATE INDEX runs_shoe_idx ON runs (shoe_id) INCLUDE (distance) WHERE shoe_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE follows (
        follower_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        followee_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (follower_id, followee_id),
        CONSTRAINT follows_not_self CHECK (follower_id <> followee_id)
      )`);
    await q.query(`CREATE INDEX follows_followee_idx ON follows (followee_id, follower_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE follows`);
    await q.query(`DROP TABLE runs`);
    await q.query(`DROP TABLE shoes`);
    await q.query(`DROP TABLE training_profiles`);
    await q.query(`DROP TABLE users`);
  }
}
