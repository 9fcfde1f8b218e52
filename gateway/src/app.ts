import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import cors from 'cors';
import express from 'express';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import {
  Authenticator,
  TokenService,
  createRequestContext,
  atMostEvery,
  isAccessTokenLive,
  isSessionLive,
  Metrics,
  metricsRoute,
  requestLog,
  WebhookDispatcher,
} from '@maratron/core';
import { createErrorFormatter, serviceUnavailableStatus } from './common/errors';
import type { Config, RequestContext, EventBus, Logger, RedisClient, Services } from '@maratron/core';
import { operationsPlugin } from './observability/operations.plugin';
import { mutationLimitsPlugin } from './protection/mutation-limits';
import { queryCostPlugin } from './protection/query-cost';
import { textInputPlugin } from './protection/text-input';
import { scopesPlugin } from './protection/scopes';
import { runsRouter } from './runs/runs.routes';
import { ImportQueue } from './imports/import-queue';
import { Importer } from './imports/importer';
import { importsRouter } from './imports/imports.routes';
import { exportRouter } from './exports/export.routes';
import { consentRouter } from './oauth/consent.routes';
import { mountOAuth } from './oauth/oauth.routes';
import { downloadLinksRouter } from './downloads/download-links.routes';
import { compiledExecution } from './execution/compiled-execution';
import { buildGatewaySchema } from './schema';
import { createGatewayServices } from './services';
import { createChannels } from './subscriptions/channels';
import { LiveDispatcher } from './subscriptions/dispatcher';
import { refuseSubscriptionsOverHttp } from './subscriptions/http-guard';
import { createSubscriptionServer } from './subscriptions/ws-server';
import { serveClient, serveExplorer } from './web/client';

export interface GatewayDeps {
  config: Config & { jwtSecret: string };
  dataSource: DataSource;
  redis: RedisClient | null;
  /** Events between services and live subscriptions (Redis pub/sub across processes, or in-process). */
  bus: EventBus;
  logger: Logger;
  metrics?: Metrics;
}

/** An operation is compiled (graphql-jit) on its second run: one-off documents never pay for compiling. */
const COMPILE_AFTER_RUNS = 2;

/** Most lexical tokens in one GraphQL document (HTTP and WebSocket alike). */
export const MAX_TOKENS = 2000;

/**
 * Query limits (graphql-armor): depth, aliases, directives and tokens, so one request can't ask
 * for the world. The cost budget is protection/query-cost.ts (it reads the variables and counts
 * tracks by their points). The same rules guard graphql-ws subscriptions.
 */
export const armor = new ApolloArmor({
  maxDepth: { n: 12 },
  maxAliases: { n: 15 },
  maxDirectives: { n: 10 },
  maxTokens: { n: MAX_TOKENS },
  costLimit: { enabled: false },
  blockFieldSuggestion: { enabled: false },
});

/**
 * Ends each request's database transaction once the response is ready. The COMMIT itself can
 * fail (a deferred constraint, a serialization failure, the connection lost): then nothing the
 * operation did was stored, so its answer must not say otherwise. It is replaced by an
 * INTERNAL_SERVER_ERROR (HTTP 500) and the cause goes to the log, never to the client.
 */
function requestDbPlugin(logger: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response, operationName }) {
          try {
            await contextValue.db.close();
          } catch (err) {
            logger.error({ err, requestId: contextValue.requestId, operation: operationName ?? undefined }, 'the request could not commit');
            response.body = {
              kind: 'single',
              singleResult: { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] },
            };
            response.http.status = 500;
          }
        },
      };
    },
  };
}

export async function createGateway({ config, dataSource, redis, bus, logger, metrics = new Metrics() }: GatewayDeps) {
  const services = createGatewayServices(config, redis, bus, logger);
  const schema = buildGatewaySchema(services);
  // OAuth access tokens are accepted here when issued for the gateway's API (RFC 8707).
  const authenticator = new Authenticator(dataSource, services.tokens, config.oauth.apiResourceUrl);
  const app = express();
  app.disable('x-powered-by');
  // No ETags on API answers: each depends on the viewer and none is cached, so hashing every
  // response body (Express's default, for POSTs too) was work for nothing. Static files get
  // theirs from express.static.
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);
  app.use(requestLog(logger, metrics));
  watchPool(dataSource, metrics);
  const httpServer = http.createServer(app);
  let draining = false;

  const protection = armor.protect();
  const formatError = createErrorFormatter((error) => logger.error({ err: error }, 'unexpected error'));
  const live = new LiveDispatcher({ schema, dataSource, bus, channels: createChannels(services), formatError, logger });
  const subscriptions = createSubscriptionServer({
    httpServer,
    schema,
    authenticator,
    dispatcher: live,
    validationRules: protection.validationRules ?? [],
    maxTokens: MAX_TOKENS,
    queryLimits: config.query,
    limits: config.ws,
    formatError,
    logger,
    sessionLive: (userId, sessionId) => isSessionLive(dataSource, userId, sessionId),
    accessTokenLive: (userId, accessTokenId) => isAccessTokenLive(dataSource, userId, accessTokenId),
    bus,
  });
  metrics.gaugeFrom('maratron_ws_connections', 'Open graphql-ws connections', [], (set) => set({}, subscriptions.connections));
  metrics.gaugeFrom('maratron_active_subscriptions', 'Active GraphQL subscriptions', [], (set) => set({}, live.size));
  bus.onDelivery((topic, lag) => metrics.eventLag.observe({ topic }, lag));
  const apollo = new ApolloServer<RequestContext>({
    // The schema, executed compiled (graphql-jit) once an operation has run a few times.
    gateway: compiledExecution(schema, { compileAfter: COMPILE_AFTER_RUNS }),
    csrfPrevention: true,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    validationRules: protection.validationRules,
    plugins: [
      ...protection.plugins,
      queryCostPlugin(config.query),
      textInputPlugin,
      // No HTTP caching of this API (every answer depends on the viewer), so skip the per-field hook.
      ApolloServerPluginCacheControlDisabled(),
      // Apollo's landing page loads its explorer from a CDN: GET /graphql opens our bundled GraphiQL instead (serveExplorer).
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      operationsPlugin(metrics),
      mutationLimitsPlugin(config.mutationLimits, redis, metrics),
      serviceUnavailableStatus,
      requestDbPlugin(logger),
      refuseSubscriptionsOverHttp,
      // What a personal access token may do (core/src/auth/scopes.ts), before any resolver runs.
      scopesPlugin,
      // graphql-ws's sockets close when the server drains, alongside in-flight HTTP requests.
      { serverWillStart: async () => ({ drainServer: () => subscriptions.dispose() }) },
    ],
    formatError,
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/metrics', metricsRoute(metrics, config.metricsToken));
  app.get('/readyz', async (_req, res) => {
    if (draining) return void res.status(503).json({ status: 'draining' });
    try {
      await dataSource.query<unknown[]>('SELECT 1');
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'database unavailable' });
    }
  });

  // Browser apps on the origins of CORS_ORIGINS may call /graphql and /api (none by default: no
  // CORS headers at all). Credentials travel only in the Authorization header, never cookies, so
  // Access-Control-Allow-Credentials is never sent. The `cors` package (expressjs's own) does the
  // preflight; a request from another origin gets no Access-Control-Allow-Origin.
  if (config.corsOrigins.length) {
    const allowed = cors({
      origin: config.corsOrigins,
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ['Authorization', 'Content-Type', 'Apollo-Require-Preflight', 'X-Request-Id'],
      maxAge: 600,
    });
    app.use('/graphql', allowed);
    app.use('/api', allowed);
  }

  // A browser's GET /graphql: the API explorer (GraphiQL, bundled with the web client).
  serveExplorer(app, config.clientDistDir ?? undefined);
  app.use(
    '/graphql',
    express.json({ limit: '30mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const token = TokenService.fromHeader(req.headers.authorization);
        const credential = token ? await authenticator.authenticate(token) : null;
        if (token && !credential) {
          throw new GraphQLError('Invalid or expired token', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
        }
        req.info.viewerId = credential?.userId ?? null;
        // The token's session (or access token) is checked when the request's transaction opens (RequestDb).
        return createRequestContext(dataSource, req.info.requestId, credential?.userId ?? null, req.ip ?? 'unknown', {
          info: req.info,
          sessionId: credential?.sessionId ?? null,
          accessTokenId: credential?.accessTokenId ?? null,
          scopes: credential?.scopes ?? null,
          userAgent: req.headers['user-agent'],
        });
      },
    }),
  );

  // OAuth 2.1 for apps and MCP clients: the authorization server (gateway/src/oauth), and the
  // consent page's API. After /graphql, so API requests don't walk the OAuth router's routes.
  mountOAuth(app, { dataSource, bus, config: config.oauth, logger });
  app.use('/api', consentRouter({ dataSource, authenticator, logger }));

  // Plain authenticated HTTP routes (files), sharing the services and tokens of GraphQL.
  app.use('/api', runsRouter({ dataSource, authenticator, logger }, services.runs));
  // Bulk imports: uploads here, processing on the pg-boss queue (in this process unless IMPORT_WORKER=false).
  const imports = createImportQueue(dataSource, services, bus, config, logger);
  await imports.start(config.imports.worker);
  // Webhook deliveries: sent from every process with WEBHOOK_DISPATCH (by default, where imports are processed).
  const webhooks = new WebhookDispatcher(dataSource, services.webhooks, services.webhookSecrets, config.webhooks, logger);
  if (config.webhooks.dispatch) webhooks.start();
  app.use('/api', importsRouter({ dataSource, authenticator, logger }, services.imports, imports, config.imports));
  // Account export: a zip of everything the viewer owns, streamed.
  app.use('/api', exportRouter({ dataSource, authenticator, logger }, services.exports));
  app.use('/api', downloadLinksRouter({ dataSource, authenticator, logger }, config.downloads.linkTtlSeconds));

  // Last: the web client and its SPA fallback answer only what no API route took.
  serveClient(app, logger, config.clientDistDir ?? undefined);

  return {
    app,
    httpServer,
    services,
    schema,
    metrics,
    live,
    imports,
    async listen(port: number, host?: string): Promise<number> {
      await new Promise<void>((resolve) => httpServer.listen(port, host, resolve));
      return (httpServer.address() as AddressInfo).port;
    },
    /** /readyz answers 503 from now on (the first step of a graceful shutdown). */
    drain(): void {
      draining = true;
    },
    /** Readiness goes first, then in-flight requests finish, then the server closes. */
    async stop(): Promise<void> {
      draining = true;
      await apollo.stop();
      await imports.stop();
      await webhooks.stop();
      await services.activityReaders.close();
      services.mailer.close();
    },
  };
}

export type Gateway = Awaited<ReturnType<typeof createGateway>>;

/** How old the import queue's depth in /metrics may be. */
const IMPORT_JOBS_GAUGE_MS = 30_000;

/** Database pool in use / idle / waiting, read from node-pg's pool at scrape time; and the import queue. */
function watchPool(dataSource: DataSource, metrics: Metrics) {
  // Read as the table owner: the queue's depth across all runners (a count, no rows) — at most
  // once per IMPORT_JOBS_GAUGE_MS whatever the scrape rate, so scrapes stay cheap.
  const importJobs = atMostEvery(
    IMPORT_JOBS_GAUGE_MS,
    (): Promise<{ status: string; n: number }[]> =>
      dataSource.query(
        `SELECT s.status, count(j.id)::int AS n FROM (VALUES ('QUEUED'), ('RUNNING')) s(status) LEFT JOIN import_jobs j ON j.status = s.status GROUP BY s.status`,
      ),
  );
  metrics.gaugeFrom(
    'maratron_import_jobs',
    'Bulk import jobs waiting or running (the job queue depth, refreshed at most every 30 s)',
    ['status'],
    async (set) => {
      for (const row of await importJobs()) set({ status: row.status }, row.n);
    },
  );
  metrics.gaugeFrom('maratron_db_pool_connections', 'Database pool connections by state', ['state'], (set) => {
    const pool = (dataSource.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } }).master;
    if (!pool) return;
    set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
    set({ state: 'idle' }, pool.idleCount);
    set({ state: 'waiting' }, pool.waitingCount);
  });
}

/** The import queue and its worker, over the gateway's database (see imports/import-queue.ts). */
export function createImportQueue(
  dataSource: DataSource,
  services: Pick<Services, 'runs' | 'shoes'>,
  bus: EventBus,
  config: Config,
  logger: Logger,
): ImportQueue {
  const url = (dataSource.options as { url?: string }).url;
  if (!url) throw new Error('the import queue needs the database URL');
  const importer = new Importer(dataSource, services.runs, services.shoes, bus, config.imports, logger, config.activityFiles.parseThreads);
  return new ImportQueue(dataSource, importer, logger, { url, schema: config.imports.queueSchema });
}
