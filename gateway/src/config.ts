import os from 'node:os';
import path from 'node:path';
import { DEFAULT_ACTIVITY_FILE_LIMITS } from '@maratron/schema';

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
  signInLimits: { perAccount: number; perAddress: number; windowSeconds: number };
  /** Mutations per minute. */
  mutationLimits: { perUser: number; perAddress: number };
  logLevel: string;
  /** On SIGTERM, how long /readyz reports "draining" before the server stops taking requests. */
  shutdownGraceSeconds: number;
  /** Bulk imports (POST /api/imports); see the README's "Bulk import" section. */
  imports: ImportConfig;
  /** Reading activity files (importActivity, archive entries) off the main thread, within limits. */
  activityFiles: ActivityFileConfig;
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

export interface ImportConfig {
  /** IMPORT_MAX_UPLOAD_BYTES: the archive as uploaded (default 200 MB). */
  maxUploadBytes: number;
  /** IMPORT_MAX_UNCOMPRESSED_BYTES: what its activity entries inflate to, together (default 2 GB). */
  maxUncompressedBytes: number;
  /** IMPORT_MAX_ENTRIES (default 20,000). */
  maxEntries: number;
  /** IMPORT_MAX_COMPRESSION_RATIO: inflated ÷ compressed size of any entry read (default 100; real GPX/TCX/FIT deflate 2–20:1). */
  maxCompressionRatio: number;
  /** The most one activity entry may inflate to: ACTIVITY_MAX_DECODED_BYTES, the limit of any activity file. */
  maxEntryBytes: number;
  /** IMPORT_MAX_QUEUED_PER_USER: a runner's imports waiting or running at once; the next upload is refused with 429 (default 3). */
  maxQueuedPerUser: number;
  /** IMPORT_DIR: where uploads wait for the worker (default DATA_DIR/imports); a dedicated worker must share it. */
  dir: string;
  /** IMPORT_WORKER=false: this process only accepts uploads; `node gateway/dist/worker.js` processes them. */
  worker: boolean;
  /** PGBOSS_SCHEMA: pg-boss's tables (default pgboss, or pgboss_<DATABASE_SCHEMA>). */
  queueSchema: string;
}

export interface ActivityFileConfig {
  /** ACTIVITY_MAX_DECODED_BYTES: a file as read, after base64 and gunzip (default 25 MB); inflating stops past it. */
  maxDecodedBytes: number;
  /** ACTIVITY_MAX_DEPTH: element nesting in GPX/TCX (default 32). */
  maxDepth: number;
  /** ACTIVITY_MAX_ELEMENTS: elements in one GPX/TCX document (default 2,000,000). */
  maxElements: number;
  /** ACTIVITY_MAX_POINTS: recorded points in one file (default 100,000). */
  maxPoints: number;
  /** ACTIVITY_PARSE_TIMEOUT_MS: the time one file may take to read; its worker thread is stopped past it (default 10 s). */
  parseTimeoutMs: number;
  /** ACTIVITY_PARSE_THREADS: worker threads reading files (default: the CPUs available less one, 1–4). */
  parseThreads: number;
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
      maxCompressionRatio: int(env.IMPORT_MAX_COMPRESSION_RATIO, 100),
      maxEntryBytes: int(env.ACTIVITY_MAX_DECODED_BYTES, DEFAULT_ACTIVITY_FILE_LIMITS.maxBytes),
      maxQueuedPerUser: int(env.IMPORT_MAX_QUEUED_PER_USER, 3),
      dir: path.resolve(env.IMPORT_DIR ?? path.join(env.DATA_DIR ?? path.join(__dirname, '..', '..', '.data'), 'imports')),
      worker: env.IMPORT_WORKER !== 'false',
      queueSchema: env.PGBOSS_SCHEMA || (databaseSchema ? `pgboss_${databaseSchema}` : 'pgboss'),
    },
    activityFiles: {
      maxDecodedBytes: int(env.ACTIVITY_MAX_DECODED_BYTES, DEFAULT_ACTIVITY_FILE_LIMITS.maxBytes),
      maxDepth: int(env.ACTIVITY_MAX_DEPTH, DEFAULT_ACTIVITY_FILE_LIMITS.maxDepth),
      maxElements: int(env.ACTIVITY_MAX_ELEMENTS, DEFAULT_ACTIVITY_FILE_LIMITS.maxElements),
      maxPoints: int(env.ACTIVITY_MAX_POINTS, DEFAULT_ACTIVITY_FILE_LIMITS.maxPoints),
      parseTimeoutMs: int(env.ACTIVITY_PARSE_TIMEOUT_MS, 10_000),
      // One core is left to the event loop (and a local PostgreSQL): on 2 cores, one reading thread
      // held 80 MB less than two and imported as fast (bench/RESULTS.md, "Files read on worker threads").
      parseThreads: Math.max(1, int(env.ACTIVITY_PARSE_THREADS, Math.min(4, os.availableParallelism() - 1))),
    },
    aiServerPort: int(env.AI_SERVER_PORT, 4001),
    aiServerUrl: env.AI_SERVER_URL || null,
    aiAllowedHosts: (env.AI_ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim()).filter(Boolean),
    aiRateLimitPerMinute: int(env.AI_RATE_LIMIT_PER_MINUTE, 120),
    anthropic: { apiKey: env.ANTHROPIC_API_KEY || null, model: env.ANTHROPIC_MODEL || 'claude-sonnet-4-5', baseUrl: env.ANTHROPIC_BASE_URL || null },
  };
}
