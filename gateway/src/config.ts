import path from 'node:path';

/**
 * Every setting, read once from the environment. Each has a default that works on one
 * machine; only JWT_SECRET must be set in production.
 */
export interface Config {
  env: string;
  port: number;
  host: string;
  /** Unset: the gateway starts an embedded PostgreSQL in `dataDir`. */
  databaseUrl: string | null;
  /** A PostgreSQL schema to work in instead of `public` (created if missing). */
  databaseSchema: string | null;
  /** Unset: in-process event bus, cache and rate limits (single process only). */
  redisUrl: string | null;
  dataDir: string;
  /** Unset outside production: a secret generated once and kept in `dataDir`. */
  jwtSecret: string | null;
  jwtTtlSeconds: number;
  seedDemo: boolean;
  /** Database pool size per process. */
  dbPoolSize: number;
  /** Database timeouts, so nothing waits on or pins a connection without end; see `DatabaseTimeouts`. */
  dbTimeouts: DatabaseTimeouts;
  /** REDIS_COMMAND_TIMEOUT_MS: how long a Redis command may go unanswered before its caller takes its fallback (default 500). */
  redisCommandTimeoutMs: number;
  /** Account exports (GET /api/export) in progress at once; see `ExportLimits`. */
  exports: ExportLimits;
  signInLimits: { perAccount: number; perAddress: number; windowSeconds: number };
  /** Mutations per minute. */
  mutationLimits: { perUser: number; perAddress: number };
  logLevel: string;
  /** On SIGTERM, how long /readyz reports "draining" before the server stops taking requests. */
  shutdownGraceSeconds: number;
  /** Bulk imports (POST /api/imports); see the README's "Bulk import" section. */
  imports: ImportConfig;
  /** The MCP server (ai-server): its port, and where the coach reaches it (unset: started in this process). */
  aiServerPort: number;
  aiServerUrl: string | null;
  /** Host headers the ai-server accepts besides localhost/127.0.0.1 on its port (DNS-rebinding protection). */
  aiAllowedHosts: string[];
  /** MCP tool calls per runner per minute. */
  aiRateLimitPerMinute: number;
  /** The coach's language model; without an API key the built-in local coach answers. */
  anthropic: { apiKey: string | null; model: string; baseUrl: string | null };
}

export interface DatabaseTimeouts {
  /** DB_ACQUIRE_TIMEOUT_MS: longest wait for a pooled connection; then the request fails with SERVICE_UNAVAILABLE (default 5,000). */
  acquireMs: number;
  /** DB_STATEMENT_TIMEOUT_MS: longest a statement may run (PostgreSQL's statement_timeout; 0 = none; default 30,000). Migrations run without it. */
  statementMs: number;
  /** DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: longest a transaction may sit idle before PostgreSQL ends its session (0 = none; default 60,000). */
  idleInTransactionMs: number;
}

export interface ExportLimits {
  /** EXPORT_MAX_CONCURRENT_PER_USER: one runner's exports at once, from the request to the last byte sent (default 1). */
  perUser: number;
  /** EXPORT_MAX_CONCURRENT: exports reading the database at once in this process, each on one pooled connection (default 2). */
  reading: number;
}

export interface ImportConfig {
  /** IMPORT_MAX_UPLOAD_BYTES: the archive as uploaded (default 200 MB). */
  maxUploadBytes: number;
  /** IMPORT_MAX_UNCOMPRESSED_BYTES: what its activity entries inflate to, together (default 2 GB). */
  maxUncompressedBytes: number;
  /** IMPORT_MAX_ENTRIES (default 20,000). */
  maxEntries: number;
  /** IMPORT_MAX_COMPRESSION_RATIO: inflated ÷ compressed size of one entry (default 200). */
  maxCompressionRatio: number;
  /** IMPORT_DIR: where uploads wait for the worker (default DATA_DIR/imports); a dedicated worker must share it. */
  dir: string;
  /** IMPORT_WORKER=false: this process only accepts uploads; `node gateway/dist/worker.js` processes them. */
  worker: boolean;
  /** PGBOSS_SCHEMA: pg-boss's tables (default pgboss, or pgboss_<DATABASE_SCHEMA>). */
  queueSchema: string;
}

const int = (value: string | undefined, fallback: number) => {
  const n = value === undefined || value === '' ? NaN : Number(value);
  return Number.isInteger(n) ? n : fallback;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV ?? 'development';
  if (nodeEnv === 'production' && !env.JWT_SECRET) {
    throw new Error('JWT_SECRET must be set when NODE_ENV=production');
  }
  const databaseSchema = env.DATABASE_SCHEMA || null;
  if (databaseSchema && !/^[a-z_][a-z0-9_]{0,62}$/.test(databaseSchema)) {
    throw new Error('DATABASE_SCHEMA must be a lower-case SQL identifier (letters, digits, underscores)');
  }
  return {
    env: nodeEnv,
    port: int(env.PORT, 4000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || null,
    databaseSchema,
    redisUrl: env.REDIS_URL || null,
    dataDir: path.resolve(env.DATA_DIR ?? path.join(__dirname, '..', '..', '.data')),
    jwtSecret: env.JWT_SECRET || null,
    jwtTtlSeconds: int(env.JWT_TTL_SECONDS, 7 * 24 * 3600),
    seedDemo: env.SEED_DEMO ? env.SEED_DEMO !== 'false' : !env.DATABASE_URL,
    dbPoolSize: int(env.DB_POOL_SIZE, 10),
    dbTimeouts: {
      acquireMs: int(env.DB_ACQUIRE_TIMEOUT_MS, 5_000),
      statementMs: int(env.DB_STATEMENT_TIMEOUT_MS, 30_000),
      idleInTransactionMs: int(env.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS, 60_000),
    },
    redisCommandTimeoutMs: int(env.REDIS_COMMAND_TIMEOUT_MS, 500),
    exports: {
      perUser: int(env.EXPORT_MAX_CONCURRENT_PER_USER, 1),
      reading: int(env.EXPORT_MAX_CONCURRENT, 2),
    },
    signInLimits: {
      perAccount: int(env.SIGNIN_LIMIT_PER_ACCOUNT, 5),
      perAddress: int(env.SIGNIN_LIMIT_PER_ADDRESS, 50),
      windowSeconds: int(env.SIGNIN_LIMIT_WINDOW_SECONDS, 15 * 60),
    },
    mutationLimits: {
      perUser: int(env.MUTATION_LIMIT_PER_USER, 120),
      perAddress: int(env.MUTATION_LIMIT_PER_ADDRESS, 1200),
    },
    logLevel: env.LOG_LEVEL ?? 'info',
    shutdownGraceSeconds: int(env.SHUTDOWN_GRACE_SECONDS, 0),
    imports: {
      maxUploadBytes: int(env.IMPORT_MAX_UPLOAD_BYTES, 200 * 1024 * 1024),
      maxUncompressedBytes: int(env.IMPORT_MAX_UNCOMPRESSED_BYTES, 2 * 1024 * 1024 * 1024),
      maxEntries: int(env.IMPORT_MAX_ENTRIES, 20_000),
      maxCompressionRatio: int(env.IMPORT_MAX_COMPRESSION_RATIO, 200),
      dir: path.resolve(env.IMPORT_DIR ?? path.join(env.DATA_DIR ?? path.join(__dirname, '..', '..', '.data'), 'imports')),
      worker: env.IMPORT_WORKER !== 'false',
      queueSchema: env.PGBOSS_SCHEMA || (databaseSchema ? `pgboss_${databaseSchema}` : 'pgboss'),
    },
    aiServerPort: int(env.AI_SERVER_PORT, 4001),
    aiServerUrl: env.AI_SERVER_URL || null,
    aiAllowedHosts: (env.AI_ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim()).filter(Boolean),
    aiRateLimitPerMinute: int(env.AI_RATE_LIMIT_PER_MINUTE, 120),
    anthropic: { apiKey: env.ANTHROPIC_API_KEY || null, model: env.ANTHROPIC_MODEL || 'claude-sonnet-4-5', baseUrl: env.ANTHROPIC_BASE_URL || null },
  };
}
