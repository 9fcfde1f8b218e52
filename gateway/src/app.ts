import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import type { ApolloServerPlugin } from '@apollo/server';
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
import type { Logger } from './logger';
import type { RedisClient } from './redis';
import { buildGatewaySchema } from './schema';
import { createServices } from './services';
import { serveClient } from './web/client';

export interface GatewayDeps {
  config: Config & { jwtSecret: string };
  dataSource: DataSource;
  redis: RedisClient | null;
  logger: Logger;
}

/**
 * Query limits (graphql-armor): depth, aliases, directives, tokens and a cost budget, so one
 * request can't ask for the world. The same rules will guard graphql-ws subscriptions.
 */
export const armor = new ApolloArmor({
  maxDepth: { n: 12 },
  maxAliases: { n: 15 },
  maxDirectives: { n: 10 },
  maxTokens: { n: 2000 },
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

export async function createGateway({ config, dataSource, redis, logger }: GatewayDeps) {
  const services = createServices(config, redis);
  const schema = buildGatewaySchema(services);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', process.env.TRUST_PROXY ?? 'loopback');
  const httpServer = http.createServer(app);
  let draining = false;

  const protection = armor.protect();
  const apollo = new ApolloServer<RequestContext>({
    schema,
    csrfPrevention: true,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    validationRules: protection.validationRules,
    plugins: [...protection.plugins, ApolloServerPluginDrainHttpServer({ httpServer }), requestDbPlugin],
    formatError: createErrorFormatter((error) => logger.error({ err: error }, 'unexpected error')),
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

  // Last: the web client and its SPA fallback answer only what no API route took.
  serveClient(app, logger);

  return {
    app,
    httpServer,
    services,
    schema,
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
