import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import express from 'express';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import { TokenService } from './auth/tokens';
import { createErrorFormatter } from './common/errors';
import type { Config } from './config';
import { createRequestContext } from './context';
import type { RequestContext } from './context';
import type { EventBus } from './events';
import type { Logger } from './logger';
import type { RedisClient } from './redis';
import { buildGatewaySchema } from './schema';
import { createServices } from './services';
import { createChannels } from './subscriptions/channels';
import { LiveDispatcher } from './subscriptions/dispatcher';
import { refuseSubscriptionsOverHttp } from './subscriptions/http-guard';
import { createSubscriptionServer } from './subscriptions/ws-server';

export interface GatewayDeps {
  config: Config & { jwtSecret: string };
  dataSource: DataSource;
  redis: RedisClient | null;
  /** Events between services and live subscriptions (Redis pub/sub across processes, or in-process). */
  bus: EventBus;
  logger: Logger;
}

/** Most lexical tokens in one GraphQL document (HTTP and WebSocket alike). */
export const MAX_TOKENS = 2000;

/**
 * Query limits (graphql-armor): depth, aliases, directives, tokens and a cost budget, so one
 * request can't ask for the world. The same rules guard graphql-ws subscriptions.
 */
export const armor = new ApolloArmor({
  maxDepth: { n: 12 },
  maxAliases: { n: 15 },
  maxDirectives: { n: 10 },
  maxTokens: { n: MAX_TOKENS },
  costLimit: { maxCost: 5000 },
  blockFieldSuggestion: { enabled: false },
});

/** Ends each request's database transaction once the response is ready. */
const requestDbPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue }) {
        await contextValue.db.close();
      },
    };
  },
};

export async function createGateway({ config, dataSource, redis, bus, logger }: GatewayDeps) {
  const services = createServices(config, redis, bus);
  const schema = buildGatewaySchema(services);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', process.env.TRUST_PROXY ?? 'loopback');
  const httpServer = http.createServer(app);
  let draining = false;

  const protection = armor.protect();
  const formatError = createErrorFormatter((error) => logger.error({ err: error }, 'unexpected error'));
  const live = new LiveDispatcher({ schema, dataSource, bus, channels: createChannels(services), formatError, logger });
  const subscriptions = createSubscriptionServer({
    httpServer,
    schema,
    tokens: services.tokens,
    dispatcher: live,
    validationRules: protection.validationRules ?? [],
    maxTokens: MAX_TOKENS,
    formatError,
  });
  const apollo = new ApolloServer<RequestContext>({
    schema,
    csrfPrevention: true,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    validationRules: protection.validationRules,
    plugins: [
      ...protection.plugins,
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      requestDbPlugin,
      refuseSubscriptionsOverHttp,
      // graphql-ws's sockets close when the server drains, alongside in-flight HTTP requests.
      { serverWillStart: async () => ({ drainServer: () => subscriptions.dispose() }) },
    ],
    formatError,
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (draining) return void res.status(503).json({ status: 'draining' });
    try {
      await dataSource.query('SELECT 1');
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'database unavailable' });
    }
  });

  app.use(
    '/graphql',
    express.json({ limit: '30mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const requestId = String(req.headers['x-request-id'] ?? randomUUID());
        const token = TokenService.fromHeader(req.headers.authorization);
        let viewerId: string | null = null;
        if (token) {
          viewerId = services.tokens.verify(token);
          if (!viewerId) {
            throw new GraphQLError('Invalid or expired token', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
          }
        }
        return createRequestContext(dataSource, requestId, viewerId, req.ip ?? 'unknown');
      },
    }),
  );

  return {
    app,
    httpServer,
    services,
    schema,
    live,
    async listen(port: number, host?: string): Promise<number> {
      await new Promise<void>((resolve) => httpServer.listen(port, host, resolve));
      return (httpServer.address() as AddressInfo).port;
    },
    /** Readiness goes first, then in-flight requests finish, then the server closes. */
    async stop(): Promise<void> {
      draining = true;
      await apollo.stop();
    },
  };
}

export type Gateway = Awaited<ReturnType<typeof createGateway>>;
