import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { CallToolResult, ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import { DomainError, notFound, parseId, periodRange, scopeAllows } from '@maratron/domain';
import type { TokenScope } from '@maratron/domain';
import {
  assertScope,
  createRequestContext,
  scopeOf,
  Metrics,
  metricsRoute,
  createServices,
  asServiceUnavailable,
  withCommandTimeout,
  viewerTimeZone,
} from '@maratron/core';
import type { Config, RequestContext, EventBus, Logger, RedisClient } from '@maratron/core';
import express from 'express';
import type { DataSource } from 'typeorm';
import { MemoryCache, RedisCache } from './cache';
import type { JsonCache } from './cache';
import { registerPrompts } from './prompts';
import { ToolRateLimit } from './rate-limit';
import { createTools, inputs, outputs } from './tools';
import type { ToolOutput } from './tools';
import { toolErrorResult, toolResult } from './tool-results';
import { credentialOf, protectMcp } from './auth';
import { reads, writes } from './tools/annotations';
import { ruleSchema } from './tools/arguments';
import { registerRunnerTools } from './tools/register';
import { summarize } from './tools/summaries';
import {
  CURRENT_PLAN_URI,
  LiveResources,
  RECENT_RUNS_URI,
  RUN_URI_TEMPLATE,
  notWatchable,
  progressOf,
  runUri,
  serveSession,
  sessionLog,
} from './live-resources';
import type { McpSession } from './live-resources';
import { createMcpHttp } from './session-http';
import { createSessionStore } from './sessions';

type ToolExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

export interface AiServerDeps {
  config: Config & { jwtSecret: string };
  dataSource: DataSource;
  bus: EventBus;
  redis: RedisClient | null;
  logger: Logger;
}

export interface AiServer {
  /** Listens on `port` (0: any free one) and returns the port. */
  listen(port: number, host?: string): Promise<number>;
  stop(): Promise<void>;
}

/** Who an MCP request acts for: the token's runner and session (or personal access token and its scopes), and the client's address. */
interface Caller {
  userId: string;
  sessionId: string | null;
  accessTokenId: string | null;
  /** Null for a session: every scope. */
  scopes: readonly TokenScope[] | null;
  address: string;
}

/**
 * get_user_context answers are cached this long, or until the runner's week ends in their time zone
 * (the runner's changes drop them sooner: see `invalidate`).
 */
const USER_CONTEXT_TTL_SECONDS = 300;
/** How long stop() lets open requests end on their own before cutting them. */
const STOP_GRACE_MS = 1000;
// Versioned by the answer's shape: an entry cached before a field was added is never served.
const userContextKey = (userId: string) => `user-context:v2:${userId}`;

/**
 * The MCP server over the runner's data: Streamable HTTP at /mcp with stateful sessions that any
 * replica serves (sessions.ts), live resources (live-resources.ts). Every request carries the
 * runner's bearer token (the same JWTs the GraphQL API issues) and gets a server of its own
 * acting as that token's holder; every tool call runs in a RequestContext of its own acting as
 * that runner, through the gateway's services, so row-level security, visibility, ownership,
 * validation and events are exactly GraphQL's.
 */
export function createAiServer({ config, dataSource, bus, redis, logger }: AiServerDeps): AiServer {
  const services = createServices(config, redis, bus);
  const tools = createTools(services);
  const cache: JsonCache = redis ? new RedisCache(redis) : new MemoryCache();
  const limit = new ToolRateLimit(config.aiRateLimitPerMinute, redis);
  const metrics = new Metrics();
  let boundPort = 0;
  const sessionStore = createSessionStore(redis, config.mcpSessions, logger);
  const live = new LiveResources(bus, sessionStore, config.mcpSessions, logger);
  const handleMcp = createMcpHttp({
    store: sessionStore,
    live,
    bus,
    config: config.mcpSessions,
    logger,
    hosts: () => [`localhost:${boundPort}`, `127.0.0.1:${boundPort}`, `[::1]:${boundPort}`, ...config.aiAllowedHosts],
  });

  // The one place the cached context is dropped: whatever changes what it holds (from GraphQL,
  // MCP, any process) — runs, shoes, the profile and training profile — and the account's
  // deletion, so no copy of a deleted runner's profile outlives it, in memory or in Redis.
  const invalidate = ({ userId }: { userId: string }) => void cache.delete(userContextKey(userId));
  const unsubscribes = (['run.created', 'leaderboard.changed', 'shoe.changed', 'profile.changed', 'account.deleted'] as const).map(
    (topic) => bus.subscribe(topic, invalidate),
  );

  /**
   * Runs `work` in a fresh context as the caller: committed on success, rolled back on error. The
   * transaction opens first, whatever `work` does — opening it checks that the caller's session
   * still exists (so its account too), so a signed-out, revoked or deleted account's token is
   * refused at once, even for an answer from the cache.
   */
  async function asCaller<T>(caller: Caller, work: (ctx: RequestContext) => Promise<T>): Promise<T> {
    const ctx = createRequestContext(dataSource, randomUUID(), caller.userId, caller.address, {
      sessionId: caller.sessionId,
      accessTokenId: caller.accessTokenId,
      scopes: caller.scopes,
    });
    try {
      await ctx.db.begin();
      const result = await work(ctx);
      await ctx.db.close(true);
      return result;
    } catch (error) {
      await ctx.db.close(false);
      throw error;
    }
  }

  /** The server for one request of `caller`'s, in `session` (null: a request refused for naming none). */
  function buildServer(caller: Caller, session: McpSession | null): McpServer {
    const { userId } = caller;
    const server = new McpServer(
      { name: 'maratron', version: '0.1.0' },
      {
        instructions:
          "Tools over one runner's Maratron training log: runs, shoes, preferences, training summary, predictions, plans, and their feed, posts, kudos, comments and notifications.",
        capabilities: { logging: {}, resources: { subscribe: true, listChanged: true } },
      },
    );

    /**
     * A tool call: rate-limited, in its own context; the result as structuredContent, an error as
     * an `isError` result with the domain's code, message, field and reason as data. The session
     * hears how it went as a log message (debug: done; warning: refused; error: failed).
     */
    const call =
      <A>(name: string, work: (ctx: RequestContext, args: A, extra?: ToolExtra) => Promise<Record<string, unknown>>) =>
      async (args: A, extra?: ToolExtra): Promise<CallToolResult> => {
        const log = sessionLog(session, extra);
        try {
          // What the caller's access token may call (core/src/auth/scopes.ts): FORBIDDEN with requiredScope.
          assertScope(caller.scopes, scopeOf('Tool', name));
          await limit.consume(userId);
          const result = await asCaller(caller, (ctx) => work(ctx, args, extra));
          metrics.toolCalls.inc({ tool: name, outcome: 'ok' });
          await log('debug', { tool: name, outcome: 'ok' });
          return toolResult(result, summarize(name, result));
        } catch (thrown) {
          // The database unable to serve (no connection in time, PostgreSQL away) is SERVICE_UNAVAILABLE: the caller retries.
          const unavailable = asServiceUnavailable(thrown);
          if (unavailable) logger.error({ err: thrown, tool: name, userId }, 'database unavailable');
          const error = unavailable ?? thrown;
          metrics.toolCalls.inc({ tool: name, outcome: error instanceof DomainError ? error.code : 'INTERNAL_SERVER_ERROR' });
          if (error instanceof DomainError) {
            await log('warning', { tool: name, outcome: error.code, message: error.message });
            return toolErrorResult(error.toJSON());
          }
          logger.error({ err: error, tool: name, userId }, 'MCP tool failed');
          await log('error', { tool: name, outcome: 'INTERNAL_SERVER_ERROR' });
          return toolErrorResult({ code: 'INTERNAL_SERVER_ERROR', message: `${name} failed; try again later` });
        }
      };

    server.registerTool(
      'get_user_context',
      {
        title: 'Runner context',
        description:
          'The runner at a glance: profile, units, goals, this week and the last four weeks, this month and this year, active shoes with usage, VDOT and records. Start here.',
        inputSchema: {},
        outputSchema: outputs.userContext,
        annotations: reads('Runner context'),
      },
      call('get_user_context', async (ctx) => {
        const key = userContextKey(userId);
        const cached = await cache.get<ToolOutput<'userContext'>>(key);
        if (cached) return cached;
        const fresh = await tools.userContext(ctx);
        // "This week" ends at Monday 00:00 in the runner's zone: the cached answer never outlives it
        // (a change of zone is a profile change, which drops it).
        const weekEnds = periodRange('WEEK', new Date(), await viewerTimeZone(ctx)).to!.getTime();
        await cache.set(key, fresh, Math.max(1, Math.min(USER_CONTEXT_TTL_SECONDS, Math.ceil((weekEnds - Date.now()) / 1000))));
        return fresh;
      }),
    );
    server.registerTool(
      'list_runs',
      {
        title: 'List runs',
        description: "The runner's runs, newest first, optionally within a date range.",
        inputSchema: ruleSchema(inputs.listRuns),
        outputSchema: outputs.listRuns,
        annotations: reads('List runs'),
      },
      call('list_runs', (ctx, args) => tools.listRuns(ctx, args)),
    );
    server.registerTool(
      'get_run',
      {
        title: 'Get a run',
        description: 'One run the runner may see, with per-kilometre splits when it was recorded, and its route on request.',
        inputSchema: ruleSchema(inputs.getRun),
        outputSchema: outputs.getRun,
        annotations: reads('Get a run'),
      },
      call('get_run', (ctx, args) => tools.getRun(ctx, args)),
    );
    server.registerTool(
      'log_run',
      {
        title: 'Log a run',
        description: "Records a run for the runner (the same rules as the app's createRun); with share, also posts it to followers' feeds.",
        inputSchema: ruleSchema(inputs.logRun),
        outputSchema: outputs.logRun,
        annotations: writes('Log a run', { destructive: false, idempotent: false }),
      },
      call('log_run', async (ctx, args) => {
        const result = await tools.logRun(ctx, args);
        // The bus invalidates too; doing it here as well means the runner's very next call sees the run.
        ctx.db.afterCommit(() => void cache.delete(userContextKey(userId)));
        return result;
      }),
    );
    server.registerTool(
      'shoe_report',
      {
        title: 'Shoe report',
        description: 'Active shoes: distance, remaining life, and whether to retire them.',
        inputSchema: {},
        outputSchema: outputs.shoeReport,
        annotations: reads('Shoe report'),
      },
      call('shoe_report', (ctx) => tools.shoeReport(ctx)),
    );
    server.registerTool(
      'training_summary',
      {
        title: 'Training summary',
        description: 'Weekly volume, training load balance, VDOT, personal records and race predictions.',
        inputSchema: ruleSchema(inputs.trainingSummary),
        outputSchema: outputs.trainingSummary,
        annotations: reads('Training summary'),
      },
      call('training_summary', (ctx, args) => tools.trainingSummary(ctx, args)),
    );
    server.registerTool(
      'predict_race',
      {
        title: 'Predict a race',
        description: 'Predicted time for a race distance from recent best efforts, and the method used (VDOT or Riegel).',
        inputSchema: ruleSchema(inputs.predictRace),
        outputSchema: outputs.predictRace,
        annotations: reads('Predict a race'),
      },
      call('predict_race', (ctx, args) => tools.predictRace(ctx, args)),
    );
    server.registerTool(
      'generate_training_plan',
      {
        title: 'Generate a training plan',
        description:
          "A dated, periodised plan (base, build, peak, taper) to a goal race at the runner's Daniels paces, rising at most 10 % a week from their recent volume with a cut-back week every third or fourth, on their preferred days and suited to their level; stored as their current plan.",
        inputSchema: ruleSchema(inputs.generatePlan),
        outputSchema: outputs.generatePlan,
        // A new plan becomes the current one; earlier plans stay stored.
        annotations: writes('Generate a training plan', { destructive: false, idempotent: false }),
      },
      // With a progressToken the client hears each step (read the training, build, store).
      call('generate_training_plan', (ctx, args: Parameters<typeof tools.generatePlan>[1], extra) =>
        tools.generatePlan(ctx, args, progressOf(extra)),
      ),
    );
    server.registerTool(
      'server_health',
      {
        title: 'Server health',
        description: 'Whether the database and Redis are reachable.',
        inputSchema: {},
        outputSchema: outputs.serverHealth,
        annotations: reads('Server health'),
      },
      call('server_health', () => health()),
    );
    registerRunnerTools(server, services, call);

    /**
     * A resource read: rate-limited like a tool call (the same per-runner budget), in its own
     * context; a domain error is a JSON-RPC error with its code and message, anything else a
     * generic one (the cause in the log).
     */
    const resource = (declared: string, work: (ctx: RequestContext, uri: URL) => Promise<unknown>) => async (uri: URL) => {
      try {
        assertScope(caller.scopes, scopeOf('Resource', declared));
        await limit.consume(userId);
        const result = await asCaller(caller, (ctx) => work(ctx, uri));
        return { contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(result, null, 2) }] };
      } catch (error) {
        if (error instanceof DomainError) {
          const retry = error.retryAfterSeconds ? ` (retry-after: ${error.retryAfterSeconds}s)` : '';
          throw new McpError(ErrorCode.InvalidRequest, `${error.code}: ${error.message}${retry}`, error.toJSON());
        }
        logger.error({ err: error, resource: uri.href, userId }, 'MCP resource read failed');
        throw new McpError(ErrorCode.InternalError, `INTERNAL: ${uri.href} could not be read; try again later`);
      }
    };
    server.registerResource(
      'recent-runs',
      'maratron://runs/recent',
      { title: 'Recent runs', description: "The runner's 20 most recent runs", mimeType: 'application/json' },
      resource(RECENT_RUNS_URI, (ctx) => tools.recentRuns(ctx)),
    );
    server.registerResource(
      'current-plan',
      'maratron://plans/current',
      { title: 'Current training plan', description: "The runner's latest training plan (null without one)", mimeType: 'application/json' },
      resource(CURRENT_PLAN_URI, (ctx) => tools.latestPlan(ctx)),
    );
    const runTemplate = new ResourceTemplate(RUN_URI_TEMPLATE, {
      // Listed: the runner's 20 most recent runs (list_changed when a run is added or deleted);
      // nothing for a token that may not read runs.
      list: async () => {
        if (!scopeAllows(caller.scopes, scopeOf('Resource', RUN_URI_TEMPLATE)!)) return { resources: [] };
        const runs = await asCaller(caller, (ctx) => tools.recentRuns(ctx));
        return {
          resources: runs.map((run) => ({
            uri: runUri(run.id),
            name: run.name ?? `Run of ${run.startedAt.slice(0, 10)}`,
            mimeType: 'application/json',
          })),
        };
      },
    });
    const runIdOf = (uri: URL) => String(runTemplate.uriTemplate.match(uri.href)?.id ?? '');
    server.registerResource(
      'run',
      runTemplate,
      { title: 'A run', description: 'One run the runner may see, as get_run shows it', mimeType: 'application/json' },
      resource(RUN_URI_TEMPLATE, (ctx, uri) => tools.getRun(ctx, { runId: runIdOf(uri) })),
    );
    if (session) {
      // What a session may watch: its runner's recent runs, current plan, and any of their own runs.
      serveSession(server, session, sessionStore, async (uri) => {
        if (uri === RECENT_RUNS_URI || uri === CURRENT_PLAN_URI) {
          assertScope(caller.scopes, scopeOf('Resource', uri));
          // Opening the caller's context checks the token still stands.
          return asCaller(caller, async () => undefined);
        }
        const runId = runTemplate.uriTemplate.match(uri)?.id;
        if (typeof runId !== 'string') throw notWatchable(uri, 'not a resource of this server');
        assertScope(caller.scopes, scopeOf('Resource', RUN_URI_TEMPLATE));
        const own = await asCaller(caller, async (ctx) => (await services.runs.get(ctx, parseId(runId, 'uri')))?.userId === userId).catch(
          (error: unknown) => {
            if (error instanceof DomainError) throw notWatchable(uri, error.message);
            throw error;
          },
        );
        if (!own) throw notWatchable(uri, notFound('Run').message);
      });
    }

    registerPrompts(server, caller.scopes);
    return server;
  }

  async function health(): Promise<ToolOutput<'serverHealth'>> {
    const database = await dataSource.query<unknown[]>('SELECT 1').then(
      () => 'ok' as const,
      () => 'unavailable' as const,
    );
    const redisStatus = !redis
      ? 'not configured'
      : await withCommandTimeout(redis, redis.ping()).then(
          () => 'ok' as const,
          () => 'unavailable' as const,
        );
    return {
      status: database === 'ok' && redisStatus !== 'unavailable' ? 'ok' : 'degraded',
      database,
      redis: redisStatus,
      eventBus: redis ? 'redis' : 'in-process',
    };
  }

  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/metrics', metricsRoute(metrics, config.metricsToken));
  // Bearer tokens and the OAuth protected resource metadata (./auth.ts).
  const authenticated = protectMcp(app, {
    dataSource,
    jwtSecret: config.jwtSecret,
    jwtTtlSeconds: config.jwtTtlSeconds,
    oauth: config.oauth,
    logger,
  });
  app.all('/mcp', authenticated, express.json({ limit: '1mb' }), async (req, res) => {
    const claims = credentialOf(req);
    const caller: Caller = {
      userId: claims.userId,
      sessionId: claims.sessionId,
      accessTokenId: claims.accessTokenId,
      scopes: claims.scopes,
      address: req.ip ?? 'unknown',
    };
    // A notification stream does no work that would check the token's sign-in (or access token)
    // still stands: check it now; from then on its end closes the stream (live-resources.ts).
    if (req.method === 'GET') {
      const refused = await asCaller(caller, async () => null).catch((error: unknown) => error);
      if (refused instanceof DomainError) {
        res.status(401).json({ jsonrpc: '2.0', error: { code: -32001, message: `${refused.code}: ${refused.message}` }, id: null });
        return;
      }
    }
    try {
      await handleMcp(req, res, { ...caller, expiresAt: claims.expiresAt }, (session) => buildServer(caller, session));
    } catch (err) {
      // The session store (Redis) unable to answer: the client retries.
      logger.error({ err }, 'MCP request failed');
      if (!res.headersSent)
        res.status(503).json({ jsonrpc: '2.0', error: { code: -32603, message: 'Service unavailable; try again later' }, id: null });
    }
  });

  const httpServer = http.createServer(app);
  return {
    async listen(port: number, host?: string): Promise<number> {
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, resolve);
      });
      boundPort = (httpServer.address() as AddressInfo).port;
      return boundPort;
    },
    async stop(): Promise<void> {
      for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
      live.stop();
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      // A notification stream, or a client reconnecting one on a kept-alive socket, would hold the
      // close for ever: whatever is still open after a moment is cut.
      const cut = setTimeout(() => httpServer.closeAllConnections(), STOP_GRACE_MS);
      await closed;
      clearTimeout(cut);
    },
  };
}
