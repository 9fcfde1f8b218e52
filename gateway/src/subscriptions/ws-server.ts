import type http from 'node:http';
import { getOperationAST, GraphQLError, parse, print, specifiedRules, validate } from 'graphql';
import type { DocumentNode, GraphQLSchema, ValidationRule } from 'graphql';
import { CloseCode } from 'graphql-ws';
import type { Context } from 'graphql-ws';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type { Authenticator, EventBus, QueryLimits, Logger } from '@maratron/core';
import type { TokenScope } from '@maratron/domain';
import { checkQueryCost } from '../protection/query-cost';
import { nulCharacterError } from '../protection/text-input';
import { scopeError } from '../protection/scopes';
import type { ErrorFormatter, LiveDispatcher, LiveEnvelope } from './dispatcher';
import { serveGraphqlWs } from './ws-transport';
import type { SocketExtra } from './ws-transport';

/** Largest WebSocket message a client may send (a subscribe with its query): far below ws's 100 MiB default. */
export const MAX_MESSAGE_BYTES = 64 * 1024;
/** Close code for a connection over its account's cap (WebSocket's 1008 Policy Violation). */
export const TOO_MANY_CONNECTIONS = 1008;
/** Distinct query texts whose parsed and validated document is kept (clients send the same few). */
const DOCUMENT_CACHE_SIZE = 1000;

interface ConnectionState {
  viewerId: string | null;
  /** The session of the token it connected with: ending the session closes the connection. */
  sessionId: string | null;
  /** The personal access token it connected with instead: revoking it closes the connection. */
  accessTokenId: string | null;
  /** The access token's scopes (null: a session, every scope): each subscribe is checked against them. */
  scopes: readonly TokenScope[] | null;
  expiry: NodeJS.Timeout | null;
}

type Extra = SocketExtra & { connection?: ConnectionState };

/** `{ authorization: "Bearer <token>" }` or `{ token }` in connection_init; null without either. */
function tokenOf(params: Record<string, unknown> | undefined): string | null | false {
  const authorization = params?.authorization ?? params?.Authorization;
  if (typeof authorization === 'string' && authorization.trim()) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    return match ? match[1] : false;
  }
  if (typeof params?.token === 'string' && params.token) return params.token;
  return null;
}

const labelled = (error: GraphQLError, code: string) =>
  new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code },
  });

/**
 * graphql-ws on the gateway's HTTP server and path (`/graphql`), guarded like HTTP — which
 * graphql-ws knows nothing of: Apollo Server's plugins, validation rules and error
 * formatting don't run here, so this does the same itself.
 *
 * - Authentication in `connection_init`: a bad or expired token closes the socket with
 *   4403 Forbidden (graphql-ws's answer to `onConnect` returning false); without a token the
 *   connection stays anonymous and every subscription answers UNAUTHENTICATED, as over HTTP.
 *   A connection closes (4403) when its token expires, when its session ends (signOut,
 *   revokeSession, a password change or reset: the `session.ended` event, from any process) and
 *   when its account is deleted; every event delivered checks the session again (dispatcher.ts).
 * - Each subscribe is parsed with the same token limit and validated with the same
 *   graphql-armor rules as HTTP; only subscriptions run here (queries and mutations go
 *   over HTTP, where their transaction is handled).
 * - Each subscribe is priced by the same query cost as HTTP (with its variables).
 * - Caps: at most `limits.maxConnectionsPerUser` open connections per runner (one more is
 *   closed with 1008) and `limits.maxSubscriptionsPerConnection` operations per connection.
 * - Errors are formatted by the HTTP error formatter; a failure in `connection_init` closes
 *   with 4500 and a generic reason (the detail goes to the log, never to the client).
 * Tokens travel in the connection_init message, not in cookies, so a cross-site page can't
 * ride a user's session over WebSocket.
 */
export function createSubscriptionServer(deps: {
  httpServer: http.Server;
  schema: GraphQLSchema;
  /** Bearer tokens: sessions' and personal access tokens. */
  authenticator: Authenticator;
  dispatcher: LiveDispatcher;
  validationRules: ValidationRule[];
  maxTokens: number;
  /** The query cost budget (protection/query-cost.ts), as over HTTP. */
  queryLimits: QueryLimits;
  limits: { maxConnectionsPerUser: number; maxSubscriptionsPerConnection: number };
  formatError: ErrorFormatter;
  logger: Logger;
  /** Whether a token's session still exists (an ended session's token, or a deleted account's, is refused like a bad one). */
  sessionLive: (userId: string, sessionId: string) => Promise<boolean>;
  /** Whether a personal access token still stands (not revoked, not expired). */
  accessTokenLive: (userId: string, accessTokenId: string) => Promise<boolean>;
  /** 'account.deleted' and 'session.ended' close those open connections (4403). */
  bus: EventBus;
}) {
  const { schema, authenticator, dispatcher, formatError } = deps;
  const rules = [...specifiedRules, ...deps.validationRules];
  // Thousands of clients subscribe with the same query text (all the more after a restart,
  // when they all reconnect): parse and validate each text once, and share the document.
  // Texts that differ only in layout (whitespace, commas, comments) print the same: they share
  // one document and one key, so the dispatcher executes them once per event.
  type Prepared =
    | { document: DocumentNode; printed: string; errors?: undefined }
    | { document?: undefined; printed?: undefined; errors: GraphQLError[] };
  const documents = new Map<string, Prepared>();
  const byPrinted = new Map<string, DocumentNode>();
  const prepare = (query: string): Prepared => {
    const cached = documents.get(query);
    if (cached) return cached;
    let prepared: Prepared;
    try {
      const parsed = parse(query, { maxTokens: deps.maxTokens });
      const errors = validate(schema, parsed, rules);
      if (errors.length) {
        prepared = { errors: errors.map((e) => labelled(e, 'GRAPHQL_VALIDATION_FAILED')) };
      } else {
        const printed = print(parsed);
        const document = byPrinted.get(printed) ?? parsed;
        if (byPrinted.size >= DOCUMENT_CACHE_SIZE) byPrinted.clear();
        byPrinted.set(printed, document);
        prepared = { document, printed };
      }
    } catch (error) {
      prepared = { errors: [labelled(error as GraphQLError, 'GRAPHQL_PARSE_FAILED')] };
    }
    if (documents.size >= DOCUMENT_CACHE_SIZE) documents.clear();
    documents.set(query, prepared);
    return prepared;
  };
  // Subscribers of the same operation hold one copy of its key, not one each.
  const keys = new Map<string, string>();
  const sharedKey = (key: string): string => {
    const known = keys.get(key);
    if (known !== undefined) return known;
    if (keys.size >= DOCUMENT_CACHE_SIZE) keys.clear();
    keys.set(key, key);
    return key;
  };
  const wss = new WebSocketServer({ server: deps.httpServer, path: '/graphql', maxPayload: MAX_MESSAGE_BYTES });
  const socketsByViewer = new Map<string, Set<WebSocket>>();
  const socketsBySession = new Map<string, Set<WebSocket>>();
  const socketsByAccessToken = new Map<string, Set<WebSocket>>();
  const stopClosingDeleted = deps.bus.subscribe('account.deleted', ({ userId }) => {
    for (const socket of socketsByViewer.get(userId) ?? []) socket.close(CloseCode.Forbidden, 'Account deleted');
  });
  const stopClosingEnded = deps.bus.subscribe('session.ended', ({ sessionIds }) => {
    for (const id of sessionIds) for (const socket of socketsBySession.get(id) ?? []) socket.close(CloseCode.Forbidden, 'Session ended');
  });
  const stopClosingRevoked = deps.bus.subscribe('access-token.revoked', ({ accessTokenIds }) => {
    for (const id of accessTokenIds)
      for (const socket of socketsByAccessToken.get(id) ?? []) socket.close(CloseCode.Forbidden, 'Token revoked');
  });

  const server = serveGraphqlWs<Record<string, unknown>, Extra>(
    {
      async onConnect(ctx) {
        const token = tokenOf(ctx.connectionParams);
        // graphql-ws reads the params only here; kept, they would hold the token text for as long as the socket is open.
        (ctx as { connectionParams?: unknown }).connectionParams = undefined;
        if (token === false) return false;
        let session: Awaited<ReturnType<Authenticator['authenticate']>> = null;
        try {
          session = token === null ? null : await authenticator.authenticate(token);
          if (token !== null && !session) return false;
          if (session?.sessionId && !(await deps.sessionLive(session.userId, session.sessionId))) return false;
          if (session?.accessTokenId && !(await deps.accessTokenLive(session.userId, session.accessTokenId))) return false;
        } catch (err) {
          // graphql-ws would close with the error's own text as the reason: SQL, hosts, whatever it says.
          deps.logger.error({ err }, 'graphql-ws connection_init failed');
          ctx.extra.socket.close(CloseCode.InternalServerError, 'Internal server error');
          return false;
        }
        if (session) {
          const sockets = socketsByViewer.get(session.userId) ?? new Set<WebSocket>();
          if (sockets.size >= deps.limits.maxConnectionsPerUser) {
            ctx.extra.socket.close(
              TOO_MANY_CONNECTIONS,
              `Too many connections for this account (at most ${deps.limits.maxConnectionsPerUser})`,
            );
            return false;
          }
          socketsByViewer.set(session.userId, sockets.add(ctx.extra.socket));
          if (session.sessionId) {
            socketsBySession.set(
              session.sessionId,
              (socketsBySession.get(session.sessionId) ?? new Set<WebSocket>()).add(ctx.extra.socket),
            );
          }
          if (session.accessTokenId) {
            const ofToken = socketsByAccessToken.get(session.accessTokenId) ?? new Set<WebSocket>();
            socketsByAccessToken.set(session.accessTokenId, ofToken.add(ctx.extra.socket));
          }
        }
        const expiry = session?.expiresAt
          ? setTimeout(
              () => ctx.extra.socket.close(CloseCode.Forbidden, 'Token expired'),
              Math.min(session.expiresAt.getTime() - Date.now(), 2 ** 31 - 1),
            )
          : null;
        expiry?.unref();
        ctx.extra.connection = {
          viewerId: session?.userId ?? null,
          sessionId: session?.sessionId ?? null,
          accessTokenId: session?.accessTokenId ?? null,
          scopes: session?.scopes ?? null,
          expiry,
        };
        return true;
      },

      onClose(ctx) {
        if (ctx.extra.connection?.expiry) clearTimeout(ctx.extra.connection.expiry);
        const viewerId = ctx.extra.connection?.viewerId;
        const sockets = viewerId ? socketsByViewer.get(viewerId) : undefined;
        if (viewerId && sockets?.delete(ctx.extra.socket) && sockets.size === 0) socketsByViewer.delete(viewerId);
        const sessionId = ctx.extra.connection?.sessionId;
        const ofSession = sessionId ? socketsBySession.get(sessionId) : undefined;
        if (sessionId && ofSession?.delete(ctx.extra.socket) && ofSession.size === 0) socketsBySession.delete(sessionId);
        const accessTokenId = ctx.extra.connection?.accessTokenId;
        const ofToken = accessTokenId ? socketsByAccessToken.get(accessTokenId) : undefined;
        if (accessTokenId && ofToken?.delete(ctx.extra.socket) && ofToken.size === 0) socketsByAccessToken.delete(accessTokenId);
      },

      onSubscribe(ctx: Context<Record<string, unknown>, Extra>, id, payload) {
        // graphql-ws has already counted this one in.
        const max = deps.limits.maxSubscriptionsPerConnection;
        if (Object.keys(ctx.subscriptions).length > max) {
          return [new GraphQLError(`At most ${max} subscriptions per connection`, { extensions: { code: 'BAD_REQUEST' } })];
        }
        const { document, printed, errors } = prepare(payload.query);
        if (errors) return errors;
        const tooCostly = checkQueryCost(schema, document, payload.operationName, payload.variables, deps.queryLimits);
        if (tooCostly) return [tooCostly];
        const badText = nulCharacterError(document, payload.variables);
        if (badText) return [badText];
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [new GraphQLError('Unable to identify the operation to run', { extensions: { code: 'BAD_REQUEST' } })];
        if (operation.operation !== 'subscription') {
          return [
            new GraphQLError('Only subscriptions run over WebSocket: send queries and mutations as HTTP POST /graphql', {
              extensions: { code: 'BAD_REQUEST' },
            }),
          ];
        }
        // What the connection's access token may subscribe to (core/src/auth/scopes.ts), as over HTTP.
        const refused = scopeError(document, operation, ctx.extra.connection?.scopes);
        if (refused) return [refused];
        const envelope: LiveEnvelope = {
          viewerId: ctx.extra.connection?.viewerId ?? null,
          sessionId: ctx.extra.connection?.sessionId ?? null,
          accessTokenId: ctx.extra.connection?.accessTokenId ?? null,
          address: ctx.extra.address,
          socket: ctx.extra.socket,
          operationId: id,
          documentKey: sharedKey(`${payload.operationName ?? ''}\n${printed}\n${JSON.stringify(payload.variables ?? {})}`),
        };
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue: envelope };
      },

      subscribe: (args) => dispatcher.subscribe(args),

      onError(_ctx, _id, _payload, errors) {
        return errors.map((error) => formatError(error.toJSON(), error));
      },
    },
    wss,
    deps.logger,
  );

  return {
    /** Open WebSocket connections (for metrics). */
    get connections(): number {
      return wss.clients.size;
    },
    /** Stops live updates, closes every socket (1001 Going away) and the WebSocket server. */
    async dispose(): Promise<void> {
      stopClosingDeleted();
      stopClosingEnded();
      stopClosingRevoked();
      dispatcher.close();
      await server.dispose();
    },
  };
}
