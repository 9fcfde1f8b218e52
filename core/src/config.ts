import os from 'node:os';
import path from 'node:path';
import { DEFAULT_ACTIVITY_FILE_LIMITS } from '@maratron/domain';
import { z } from 'zod';

/**
 * Every setting, read once from the environment and validated here — the only module that
 * reads `process.env`. Each has a default that works on one machine; only JWT_SECRET must be
 * set in production. A value that is set but wrong stops the process with a message naming
 * the variable and what it accepts (`PORT=abc` is an error, never a silent 4000).
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
  /** Off only to measure what row-level security costs (ROW_LEVEL_SECURITY=false). */
  rowLevelSecurity: boolean;
  /** Database timeouts, so nothing waits on or pins a connection without end; see `DatabaseTimeouts`. */
  dbTimeouts: DatabaseTimeouts;
  /** REDIS_COMMAND_TIMEOUT_MS: how long a Redis command may go unanswered before its caller takes its fallback (default 500). */
  redisCommandTimeoutMs: number;
  /** Account exports (GET /api/export) in progress at once; see `ExportLimits`. */
  exports: ExportLimits;
  signInLimits: { perAccount: number; perAddress: number; windowSeconds: number };
  /** Mutations per minute. */
  mutationLimits: { perUser: number; perAddress: number };
  logLevel: LogLevel;
  /** Express `trust proxy`: which hops' X-Forwarded-For to believe for the client address. */
  trustProxy: string;
  /** Where the built web client is (default client/dist beside the gateway). */
  clientDistDir: string | null;
  /** OpenTelemetry: traces go to this OTLP/HTTP collector when set. */
  tracing: { endpoint: string | null; serviceName: string | null };
  /** On SIGTERM, how long /readyz reports "draining" before the server stops taking requests. */
  shutdownGraceSeconds: number;
  /** Reading activity files (importActivity, archive entries) off the main thread, within limits. */
  activityFiles: ActivityFileConfig;
  /** Bulk imports (POST /api/imports); see the README's "Bulk import" section. */
  imports: ImportConfig;
  /** The MCP server (ai-server): its port, and where the coach reaches it (unset: started in this process). */
  aiServerPort: number;
  aiServerUrl: string | null;
  /** Host headers the ai-server accepts besides localhost/127.0.0.1 on its port (DNS-rebinding protection). */
  aiAllowedHosts: string[];
  /** MCP tool calls per runner per minute. */
  aiRateLimitPerMinute: number;
  /** Stateful MCP sessions (ai-server/src/sessions.ts); see the README's MCP section. */
  mcpSessions: McpSessionConfig;
  /** The coach's language model; without an API key the built-in local coach answers. */
  anthropic: { apiKey: string | null; model: string; baseUrl: string | null };
  /** What one GraphQL operation may ask for; see gateway/src/protection/query-cost.ts. */
  query: QueryLimits;
  /** graphql-ws: WS_MAX_CONNECTIONS_PER_USER, WS_MAX_SUBSCRIPTIONS_PER_CONNECTION. */
  ws: { maxConnectionsPerUser: number; maxSubscriptionsPerConnection: number };
  /** METRICS_TOKEN: GET /metrics wants `Authorization: Bearer <it>`; unset, /metrics answers loopback clients only. */
  metricsToken: string | null;
  /** PRIVACY_ZONES_MAX: privacy zones one runner may keep (default 10). */
  privacy: { zonesMax: number };
  /** PERSONAL_ACCESS_TOKENS_MAX: personal access tokens one runner may keep (default 50). */
  accessTokens: { max: number };
  /** DOWNLOAD_LINK_TTL_SECONDS: how long a download link (POST /api/download-links) works (default 60). */
  downloads: { linkTtlSeconds: number };
  /** CORS_ORIGINS: browser origins allowed to call /graphql and /api (empty: none, no CORS headers). */
  corsOrigins: string[];
  /** PUBLIC_URL: where runners reach the web client (links in mail are built from it); default http://localhost:<PORT>. */
  publicUrl: string;
  /** How mail goes out (password resets); see `MailConfig`. */
  mail: MailConfig;
  /** Password reset links; see `PasswordResetConfig`. */
  passwordReset: PasswordResetConfig;
  /** Webhooks; see `WebhookConfig`. */
  webhooks: WebhookConfig;
  /** OAuth 2.1 for apps and MCP clients; see `OAuthConfig`. */
  oauth: OAuthConfig;
}

export interface OAuthConfig {
  /** The authorization server's issuer (RFC 8414): PUBLIC_URL, where the gateway and the consent page are reached. */
  issuerUrl: string;
  /** MCP_PUBLIC_URL: the MCP server's public URL, the resource its tokens are issued for (default PUBLIC_URL + /mcp, or http://localhost:<AI_SERVER_PORT>/mcp without PUBLIC_URL). */
  mcpResourceUrl: string;
  /** The gateway's API as a resource (PUBLIC_URL + /graphql): tokens for it work on /graphql and /api. */
  apiResourceUrl: string;
  /** OAUTH_ACCESS_TOKEN_TTL_SECONDS: how long an access token works (default 3,600). */
  accessTokenTtlSeconds: number;
  /** OAUTH_REFRESH_TOKEN_TTL_SECONDS: how long a refresh token works if unused (default 30 days); each use replaces it. */
  refreshTokenTtlSeconds: number;
}

export interface WebhookConfig {
  /** WEBHOOKS_MAX: webhooks one runner may keep (default 10). */
  max: number;
  /** WEBHOOK_ALLOW_INSECURE: accept plain http URLs (self-hosting, tests); default false. */
  allowInsecure: boolean;
  /** WEBHOOK_ALLOW_PRIVATE_NETWORKS: accept hosts on loopback, private, link-local, CGNAT… addresses; default false. */
  allowPrivateNetworks: boolean;
  /** WEBHOOK_TIMEOUT_MS: how long one attempt may take, connecting to the last byte of the answer (default 10 s). */
  timeoutMs: number;
  /** WEBHOOK_RETRY_FIRST_DELAY_MS: the wait before the first retry, doubled for each next one (default 30 s). */
  retryFirstDelayMs: number;
  /** WEBHOOK_RETRY_MAX_DELAY_MS: the longest wait between two attempts (default 1 h). */
  retryMaxDelayMs: number;
  /** WEBHOOK_RETRY_WINDOW_SECONDS: how long a delivery is retried before its webhook is made inactive (default 24 h). */
  retryWindowSeconds: number;
  /** WEBHOOK_DISPATCH: this process sends deliveries (default: where imports are processed, IMPORT_WORKER). */
  dispatch: boolean;
}

export interface McpSessionConfig {
  /** MCP_SESSION_IDLE_SECONDS: a session with no request and no open stream for this long ends (default 1800). */
  idleSeconds: number;
  /** MCP_SESSIONS_PER_RUNNER: a runner's sessions at once; a new one ends the least recently used (default 10). */
  perRunner: number;
  /** MCP_STREAMS_PER_PROCESS: notification streams (GET /mcp) one process holds; past it a GET gets 503 (default 1000). */
  streamsPerProcess: number;
  /** MCP_STREAM_EVENTS_KEPT: the last events of each stream kept for a client resuming it with Last-Event-ID (default 100). */
  eventsKept: number;
}

export interface MailConfig {
  /** SMTP_URL: the SMTP server (smtp:// or smtps://, credentials in the URL); unset: each message is written to `outboxDir`. */
  smtpUrl: string | null;
  /** MAIL_FROM: the sender of every message (default `Maratron <no-reply@localhost>`). */
  from: string;
  /** DATA_DIR/outbox: where messages go as .eml files without SMTP_URL. */
  outboxDir: string;
}

export interface PasswordResetConfig {
  /** PASSWORD_RESET_TTL_SECONDS: how long a reset link works (default 3,600). */
  ttlSeconds: number;
  /** PASSWORD_RESET_LIMIT_PER_EMAIL: resets asked for one email per window; past it nothing is sent (default 3). */
  perEmail: number;
  /** PASSWORD_RESET_LIMIT_PER_ADDRESS: resets asked from one client address per window (default 20). */
  perAddress: number;
  /** PASSWORD_RESET_LIMIT_WINDOW_SECONDS: the window of those two limits (default 3,600). */
  windowSeconds: number;
}

export interface QueryLimits {
  /** QUERY_MAX_COST: the cost budget of one operation (each field 1, lists × their page size, tracks × their points). */
  maxCost: number;
  /** TRACK_MAX_POINTS_PER_RESPONSE: most points one run's track has in an answer (a longer one is thinned evenly, first and last kept). */
  trackMaxPoints: number;
  /** FOLLOW_REQUESTS_MAX: most pending requests `followRequests` answers, newest first (default 100). */
  followRequestsMax: number;
  /** BLOCKED_USERS_MAX: most runners `blockedUsers` answers, the latest blocked first (default 500). */
  blockedUsersMax: number;
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
  /** ACTIVITY_PARSE_YOUNG_HEAP_MB: each reading thread's young-generation heap (default 8 MB). */
  parseYoungHeapMb: number;
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

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A configuration the process can't run with: names each variable and what it accepts. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

// One reader per kind of setting. An unset or empty variable takes the default.
const unset = (v: unknown) => v === undefined || v === '';
const integer = (fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.preprocess(
    (v) => (unset(v) ? fallback : typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v),
    z
      .number({ error: `a whole number from ${min} to ${max}` })
      .int(`a whole number from ${min} to ${max}`)
      .min(min, `at least ${min}`)
      .max(max, `at most ${max}`),
  );
const boolean = (fallback: boolean) =>
  z.preprocess(
    (v) => (unset(v) ? String(fallback) : v),
    z.enum(['true', 'false'], { error: '`true` or `false`' }).transform((v) => v === 'true'),
  );
const text = (fallback: string) => z.preprocess((v) => (unset(v) ? fallback : v), z.string());
const optional = z.preprocess((v) => (unset(v) ? null : v), z.string().nullable());
const url = (protocols: string[]) =>
  z.preprocess(
    (v) => (unset(v) ? null : v),
    z
      .string()
      .refine((v) => URL.canParse(v) && protocols.includes(new URL(v).protocol), `a URL (${protocols.join(' or ')})`)
      .nullable(),
  );
const PORT_MAX = 65535;

const environment = z.object({
  NODE_ENV: text('development'),
  PORT: integer(4000, 0, PORT_MAX),
  HOST: text('0.0.0.0'),
  DATABASE_URL: url(['postgres:', 'postgresql:']),
  DATABASE_SCHEMA: z.preprocess(
    (v) => (unset(v) ? null : v),
    z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a lower-case SQL identifier (letters, digits, underscores)')
      .nullable(),
  ),
  REDIS_URL: url(['redis:', 'rediss:']),
  DATA_DIR: optional,
  JWT_SECRET: optional,
  JWT_TTL_SECONDS: integer(7 * 24 * 3600, 60),
  SEED_DEMO: z.preprocess((v) => (unset(v) ? undefined : v), z.enum(['true', 'false'], { error: '`true` or `false`' }).optional()),
  DB_POOL_SIZE: integer(10, 1, 1000),
  ROW_LEVEL_SECURITY: boolean(true),
  DB_ACQUIRE_TIMEOUT_MS: integer(5_000, 1),
  DB_STATEMENT_TIMEOUT_MS: integer(30_000, 0),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: integer(60_000, 0),
  REDIS_COMMAND_TIMEOUT_MS: integer(500, 1),
  EXPORT_MAX_CONCURRENT_PER_USER: integer(1, 1),
  EXPORT_MAX_CONCURRENT: integer(2, 1),
  SIGNIN_LIMIT_PER_ACCOUNT: integer(5, 1),
  SIGNIN_LIMIT_PER_ADDRESS: integer(50, 1),
  SIGNIN_LIMIT_WINDOW_SECONDS: integer(15 * 60, 1),
  MUTATION_LIMIT_PER_USER: integer(120, 1),
  MUTATION_LIMIT_PER_ADDRESS: integer(1200, 1),
  LOG_LEVEL: z.preprocess((v) => (unset(v) ? 'info' : v), z.enum(LOG_LEVELS, { error: LOG_LEVELS.join(', ') })),
  TRUST_PROXY: text('loopback'),
  CLIENT_DIST_DIR: optional,
  OTEL_EXPORTER_OTLP_ENDPOINT: url(['http:', 'https:']),
  OTEL_SERVICE_NAME: optional,
  SHUTDOWN_GRACE_SECONDS: integer(0, 0, 3600),
  IMPORT_MAX_UPLOAD_BYTES: integer(200 * 1024 * 1024, 1),
  IMPORT_MAX_UNCOMPRESSED_BYTES: integer(2 * 1024 * 1024 * 1024, 1),
  IMPORT_MAX_ENTRIES: integer(20_000, 1),
  IMPORT_MAX_COMPRESSION_RATIO: integer(100, 1),
  IMPORT_MAX_QUEUED_PER_USER: integer(3, 1),
  ACTIVITY_MAX_DECODED_BYTES: integer(DEFAULT_ACTIVITY_FILE_LIMITS.maxBytes, 1),
  ACTIVITY_MAX_DEPTH: integer(DEFAULT_ACTIVITY_FILE_LIMITS.maxDepth, 1),
  ACTIVITY_MAX_ELEMENTS: integer(DEFAULT_ACTIVITY_FILE_LIMITS.maxElements, 1),
  ACTIVITY_MAX_POINTS: integer(DEFAULT_ACTIVITY_FILE_LIMITS.maxPoints, 1),
  ACTIVITY_PARSE_TIMEOUT_MS: integer(10_000, 1),
  // One core is left to the event loop (and a local PostgreSQL): on 2 cores, one reading thread
  // held 80 MB less than two and imported as fast (bench/RESULTS.md, "Files read on worker threads").
  ACTIVITY_PARSE_THREADS: integer(Math.max(1, Math.min(4, os.availableParallelism() - 1)), 1, 64),
  // A reading thread allocates fast and keeps almost nothing (saxes' garbage, the file's text): V8's
  // default young generation (3 × 16 MB semi-spaces) stays committed for nothing, so it is kept small.
  // Measured: a 1,000-file import peaked 40 MB lower at 8 MB, at the same speed (bench/RESULTS.md).
  ACTIVITY_PARSE_YOUNG_HEAP_MB: integer(8, 1, 256),
  IMPORT_DIR: optional,
  IMPORT_WORKER: boolean(true),
  PGBOSS_SCHEMA: optional,
  AI_SERVER_PORT: integer(4001, 0, PORT_MAX),
  AI_SERVER_URL: url(['http:', 'https:']),
  AI_ALLOWED_HOSTS: text(''),
  AI_RATE_LIMIT_PER_MINUTE: integer(120, 1),
  MCP_SESSION_IDLE_SECONDS: integer(1800, 1),
  MCP_SESSIONS_PER_RUNNER: integer(10, 1),
  MCP_STREAMS_PER_PROCESS: integer(1000, 1),
  MCP_STREAM_EVENTS_KEPT: integer(100, 1),
  ANTHROPIC_API_KEY: optional,
  ANTHROPIC_MODEL: text('claude-sonnet-4-5'),
  ANTHROPIC_BASE_URL: url(['http:', 'https:']),
  QUERY_MAX_COST: integer(50_000, 1),
  TRACK_MAX_POINTS_PER_RESPONSE: integer(2000, 2),
  FOLLOW_REQUESTS_MAX: integer(100, 1, 10_000),
  BLOCKED_USERS_MAX: integer(500, 1, 10_000),
  WS_MAX_CONNECTIONS_PER_USER: integer(10, 1),
  WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: integer(100, 1),
  METRICS_TOKEN: optional,
  // At most 100: every point anyone else reads of the runner's tracks is tested against each zone.
  PRIVACY_ZONES_MAX: integer(10, 1, 100),
  PERSONAL_ACCESS_TOKENS_MAX: integer(50, 1, 1000),
  DOWNLOAD_LINK_TTL_SECONDS: integer(60, 1, 3600),
  CORS_ORIGINS: text(''),
  PUBLIC_URL: url(['http:', 'https:']),
  SMTP_URL: url(['smtp:', 'smtps:']),
  MAIL_FROM: text('Maratron <no-reply@localhost>'),
  PASSWORD_RESET_TTL_SECONDS: integer(3600, 1),
  PASSWORD_RESET_LIMIT_PER_EMAIL: integer(3, 1),
  PASSWORD_RESET_LIMIT_PER_ADDRESS: integer(20, 1),
  PASSWORD_RESET_LIMIT_WINDOW_SECONDS: integer(3600, 1),
  WEBHOOKS_MAX: integer(10, 1, 1000),
  WEBHOOK_ALLOW_INSECURE: boolean(false),
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: boolean(false),
  WEBHOOK_TIMEOUT_MS: integer(10_000, 100, 60_000),
  WEBHOOK_RETRY_FIRST_DELAY_MS: integer(30_000, 1),
  WEBHOOK_RETRY_MAX_DELAY_MS: integer(3_600_000, 1),
  WEBHOOK_RETRY_WINDOW_SECONDS: integer(86_400, 1),
  WEBHOOK_DISPATCH: z.enum(['true', 'false']).optional(),
  MCP_PUBLIC_URL: url(['http:', 'https:']),
  OAUTH_ACCESS_TOKEN_TTL_SECONDS: integer(3600, 60, 86_400),
  OAUTH_REFRESH_TOKEN_TTL_SECONDS: integer(30 * 86_400, 60),
});

/** The repository's `.data/` (same path from core/src under ts-jest and from core/dist). */
const DEFAULT_DATA_DIR = path.join(__dirname, '..', '..', '.data');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environment.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        return `${name}=${JSON.stringify(env[name])}: expected ${issue.message}`;
      }),
    );
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.JWT_SECRET) throw new ConfigError(['JWT_SECRET must be set when NODE_ENV=production']);
  const dataDir = path.resolve(e.DATA_DIR ?? DEFAULT_DATA_DIR);
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseSchema: e.DATABASE_SCHEMA,
    redisUrl: e.REDIS_URL,
    dataDir,
    jwtSecret: e.JWT_SECRET,
    jwtTtlSeconds: e.JWT_TTL_SECONDS,
    // The demo data set comes with the embedded database, unless asked otherwise.
    seedDemo: e.SEED_DEMO ? e.SEED_DEMO === 'true' : !e.DATABASE_URL,
    dbPoolSize: e.DB_POOL_SIZE,
    rowLevelSecurity: e.ROW_LEVEL_SECURITY,
    dbTimeouts: {
      acquireMs: e.DB_ACQUIRE_TIMEOUT_MS,
      statementMs: e.DB_STATEMENT_TIMEOUT_MS,
      idleInTransactionMs: e.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    },
    redisCommandTimeoutMs: e.REDIS_COMMAND_TIMEOUT_MS,
    exports: { perUser: e.EXPORT_MAX_CONCURRENT_PER_USER, reading: e.EXPORT_MAX_CONCURRENT },
    signInLimits: {
      perAccount: e.SIGNIN_LIMIT_PER_ACCOUNT,
      perAddress: e.SIGNIN_LIMIT_PER_ADDRESS,
      windowSeconds: e.SIGNIN_LIMIT_WINDOW_SECONDS,
    },
    mutationLimits: { perUser: e.MUTATION_LIMIT_PER_USER, perAddress: e.MUTATION_LIMIT_PER_ADDRESS },
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    clientDistDir: e.CLIENT_DIST_DIR,
    tracing: { endpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: e.OTEL_SERVICE_NAME },
    shutdownGraceSeconds: e.SHUTDOWN_GRACE_SECONDS,
    imports: {
      maxUploadBytes: e.IMPORT_MAX_UPLOAD_BYTES,
      maxUncompressedBytes: e.IMPORT_MAX_UNCOMPRESSED_BYTES,
      maxEntries: e.IMPORT_MAX_ENTRIES,
      maxCompressionRatio: e.IMPORT_MAX_COMPRESSION_RATIO,
      maxEntryBytes: e.ACTIVITY_MAX_DECODED_BYTES,
      maxQueuedPerUser: e.IMPORT_MAX_QUEUED_PER_USER,
      dir: path.resolve(e.IMPORT_DIR ?? path.join(dataDir, 'imports')),
      worker: e.IMPORT_WORKER,
      queueSchema: e.PGBOSS_SCHEMA ?? (e.DATABASE_SCHEMA ? `pgboss_${e.DATABASE_SCHEMA}` : 'pgboss'),
    },
    activityFiles: {
      maxDecodedBytes: e.ACTIVITY_MAX_DECODED_BYTES,
      maxDepth: e.ACTIVITY_MAX_DEPTH,
      maxElements: e.ACTIVITY_MAX_ELEMENTS,
      maxPoints: e.ACTIVITY_MAX_POINTS,
      parseTimeoutMs: e.ACTIVITY_PARSE_TIMEOUT_MS,
      parseThreads: e.ACTIVITY_PARSE_THREADS,
      parseYoungHeapMb: e.ACTIVITY_PARSE_YOUNG_HEAP_MB,
    },
    aiServerPort: e.AI_SERVER_PORT,
    aiServerUrl: e.AI_SERVER_URL,
    aiAllowedHosts: e.AI_ALLOWED_HOSTS.split(',')
      .map((h) => h.trim())
      .filter(Boolean),
    aiRateLimitPerMinute: e.AI_RATE_LIMIT_PER_MINUTE,
    mcpSessions: {
      idleSeconds: e.MCP_SESSION_IDLE_SECONDS,
      perRunner: e.MCP_SESSIONS_PER_RUNNER,
      streamsPerProcess: e.MCP_STREAMS_PER_PROCESS,
      eventsKept: e.MCP_STREAM_EVENTS_KEPT,
    },
    anthropic: { apiKey: e.ANTHROPIC_API_KEY, model: e.ANTHROPIC_MODEL, baseUrl: e.ANTHROPIC_BASE_URL },
    query: {
      maxCost: e.QUERY_MAX_COST,
      trackMaxPoints: e.TRACK_MAX_POINTS_PER_RESPONSE,
      followRequestsMax: e.FOLLOW_REQUESTS_MAX,
      blockedUsersMax: e.BLOCKED_USERS_MAX,
    },
    ws: { maxConnectionsPerUser: e.WS_MAX_CONNECTIONS_PER_USER, maxSubscriptionsPerConnection: e.WS_MAX_SUBSCRIPTIONS_PER_CONNECTION },
    metricsToken: e.METRICS_TOKEN,
    privacy: { zonesMax: e.PRIVACY_ZONES_MAX },
    accessTokens: { max: e.PERSONAL_ACCESS_TOKENS_MAX },
    downloads: { linkTtlSeconds: e.DOWNLOAD_LINK_TTL_SECONDS },
    corsOrigins: e.CORS_ORIGINS.split(',')
      .map((o) => o.trim().replace(/\/+$/, ''))
      .filter(Boolean),
    publicUrl,
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, outboxDir: path.join(dataDir, 'outbox') },
    passwordReset: {
      ttlSeconds: e.PASSWORD_RESET_TTL_SECONDS,
      perEmail: e.PASSWORD_RESET_LIMIT_PER_EMAIL,
      perAddress: e.PASSWORD_RESET_LIMIT_PER_ADDRESS,
      windowSeconds: e.PASSWORD_RESET_LIMIT_WINDOW_SECONDS,
    },
    webhooks: {
      max: e.WEBHOOKS_MAX,
      allowInsecure: e.WEBHOOK_ALLOW_INSECURE,
      allowPrivateNetworks: e.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      retryFirstDelayMs: e.WEBHOOK_RETRY_FIRST_DELAY_MS,
      retryMaxDelayMs: Math.max(e.WEBHOOK_RETRY_MAX_DELAY_MS, e.WEBHOOK_RETRY_FIRST_DELAY_MS),
      retryWindowSeconds: e.WEBHOOK_RETRY_WINDOW_SECONDS,
      dispatch: e.WEBHOOK_DISPATCH === undefined ? e.IMPORT_WORKER : e.WEBHOOK_DISPATCH === 'true',
    },
    oauth: {
      issuerUrl: publicUrl,
      // Behind the proxy the MCP server is PUBLIC_URL/mcp; without PUBLIC_URL (npm start) it is its own port.
      mcpResourceUrl: (e.MCP_PUBLIC_URL ?? (e.PUBLIC_URL ? `${publicUrl}/mcp` : `http://localhost:${e.AI_SERVER_PORT}/mcp`)).replace(
        /\/+$/,
        '',
      ),
      apiResourceUrl: `${publicUrl}/graphql`,
      accessTokenTtlSeconds: e.OAUTH_ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: e.OAUTH_REFRESH_TOKEN_TTL_SECONDS,
    },
  };
}
