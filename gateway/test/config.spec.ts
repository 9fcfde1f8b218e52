import path from 'node:path';
import { ConfigError, loadConfig } from '@maratron/core';

/** The problems a configuration has, or [] when it loads. */
function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('configuration', () => {
  it('has a default for everything but the production secret', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000,
      host: '0.0.0.0',
      dbPoolSize: 10,
      seedDemo: true,
      rowLevelSecurity: true,
      logLevel: 'info',
      databaseUrl: null,
      redisUrl: null,
    });
    expect(config.imports.dir).toBe(path.join(config.dataDir, 'imports'));
    expect(config.query).toMatchObject({ followRequestsMax: 100, blockedUsersMax: 500 });
    expect(loadConfig({ DATABASE_URL: 'postgres://db/maratron' }).seedDemo).toBe(false);
  });

  it('reads what is set', () => {
    const config = loadConfig({
      PORT: '8080',
      DB_POOL_SIZE: '25',
      SEED_DEMO: 'false',
      ROW_LEVEL_SECURITY: 'false',
      AI_ALLOWED_HOSTS: 'a:1, b:2',
      LOG_LEVEL: 'debug',
      DATABASE_SCHEMA: 'tenant_1',
      FOLLOW_REQUESTS_MAX: '20',
      BLOCKED_USERS_MAX: '50',
    });
    expect(config).toMatchObject({
      port: 8080,
      dbPoolSize: 25,
      seedDemo: false,
      rowLevelSecurity: false,
      aiAllowedHosts: ['a:1', 'b:2'],
      logLevel: 'debug',
    });
    expect(config.imports.queueSchema).toBe('pgboss_tenant_1');
    expect(config.query).toMatchObject({ followRequestsMax: 20, blockedUsersMax: 50 });
  });

  it.each([
    ['PORT', 'abc', /PORT="abc": expected a whole number from 0 to 65535/],
    ['PORT', '70000', /PORT="70000": expected at most 65535/],
    ['DB_POOL_SIZE', '-5', /DB_POOL_SIZE="-5": expected at least 1/],
    ['DB_POOL_SIZE', '2.5', /DB_POOL_SIZE="2.5": expected a whole number/],
    ['SEED_DEMO', 'no', /SEED_DEMO="no": expected `true` or `false`/],
    ['IMPORT_WORKER', 'off', /IMPORT_WORKER="off": expected `true` or `false`/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL="loud": expected fatal, error, warn, info, debug, trace, silent/],
    ['DATABASE_URL', 'mysql://db/x', /DATABASE_URL="mysql:\/\/db\/x": expected a URL \(postgres: or postgresql:\)/],
    ['DATABASE_SCHEMA', 'Bad-Name', /DATABASE_SCHEMA="Bad-Name": expected a lower-case SQL identifier/],
    ['REDIS_URL', 'localhost:6379', /REDIS_URL="localhost:6379": expected a URL \(redis: or rediss:\)/],
    ['FOLLOW_REQUESTS_MAX', '0', /FOLLOW_REQUESTS_MAX="0": expected at least 1/],
    ['BLOCKED_USERS_MAX', 'lots', /BLOCKED_USERS_MAX="lots": expected a whole number from 1 to 10000/],
  ])('refuses %s=%s, naming the variable and what it accepts', (name, value, message) => {
    const found = problems({ [name]: value });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it('lists every bad variable at once', () => {
    expect(
      problems({ PORT: 'x', SEED_DEMO: 'yes', DB_POOL_SIZE: '0' })
        .map((p) => p.split('=')[0])
        .sort(),
    ).toEqual(['DB_POOL_SIZE', 'PORT', 'SEED_DEMO']);
  });

  it('requires JWT_SECRET in production', () => {
    expect(problems({ NODE_ENV: 'production' })).toEqual(['JWT_SECRET must be set when NODE_ENV=production']);
    expect(problems({ NODE_ENV: 'production', JWT_SECRET: 's3cret' })).toEqual([]);
  });
});
