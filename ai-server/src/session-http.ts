import { getRequestListener } from '@hono/node-server';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type {
  EventStore,
  WebStandardStreamableHTTPServerTransportOptions as TransportOptions,
} from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { EventBus, Logger, McpSessionConfig } from '@maratron/core';
import type { Request, Response } from 'express';
import type { LiveResources, McpSession, StreamOwner } from './live-resources';
import { DEFAULT_LOG_LEVEL, newSessionId } from './sessions';
import type { SessionStore } from './sessions';

export interface McpHttpDeps {
  store: SessionStore;
  live: LiveResources;
  bus: EventBus;
  config: McpSessionConfig;
  logger: Logger;
  /** Host headers accepted (DNS-rebinding protection): localhost on the bound port and AI_ALLOWED_HOSTS. */
  hosts(): string[];
}

/**
 * Serves one authenticated request to /mcp (Streamable HTTP, stateful, see sessions.ts): an
 * initialize opens a session; any other request names one in Mcp-Session-Id and is served by a
 * server rebuilt from the stored session — on whichever replica it lands. GET opens the
 * session's notification stream (or resumes one with Last-Event-ID); DELETE ends the session.
 */
export function createMcpHttp({ store, live, bus, config, logger, hosts }: McpHttpDeps) {
  const endSession = async (id: string, userId: string) => {
    await store.delete(id, userId);
    bus.publish('mcp-session.ended', { mcpSessionId: id, userId });
  };

  /** A transport of session `id` (one request's), with the SDK's own DNS-rebinding checks too. */
  function transportFor(id: string, events: EventStore, on: Pick<TransportOptions, 'onsessioninitialized' | 'onsessionclosed'>) {
    const allowed = hosts();
    return new WebStandardStreamableHTTPServerTransport({
      ...on,
      sessionIdGenerator: () => id,
      eventStore: events,
      enableDnsRebindingProtection: true,
      allowedHosts: allowed,
      allowedOrigins: allowed.flatMap((h) => [`http://${h}`, `https://${h}`]),
    });
  }

  return async function handle(
    req: Request,
    res: Response,
    owner: StreamOwner,
    /** The server for one request: of `session`, or of none for a request the transport refuses. */
    build: (session: McpSession | null) => McpServer,
  ): Promise<void> {
    // DNS-rebinding protection before anything else (the transport checks again): a page on
    // another origin can't reach the server through a name resolving to it.
    const allowed = hosts();
    const origin = req.header('origin');
    if (
      !allowed.includes(req.header('host') ?? '') ||
      (origin && !allowed.some((h) => origin === `http://${h}` || origin === `https://${h}`))
    ) {
      res.status(403).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Invalid Host or Origin header' }, id: null });
      return;
    }
    const header = req.header('mcp-session-id');
    let transport: WebStandardStreamableHTTPServerTransport;
    let server: McpServer;
    let detach = () => {};

    if (!header) {
      // An initialize opens a session; anything else naming none is refused by the transport (400).
      const id = newSessionId();
      const session: McpSession | null = isInitializeRequest(req.body)
        ? { id, record: { userId: owner.userId, init: req.body.params, logLevel: DEFAULT_LOG_LEVEL } }
        : null;
      transport = transportFor(id, store.events(id), {
        onsessioninitialized: async () => {
          if (!session) return;
          // Past the runner's limit the least recently used sessions end (their streams close too).
          const evicted = await store.create(id, session.record);
          for (const old of evicted) bus.publish('mcp-session.ended', { mcpSessionId: old, userId: owner.userId });
        },
      });
      server = build(session);
      await server.connect(transport);
    } else {
      const record = await store.get(header);
      // Another runner's token naming the session is told what a stranger would be: no such session.
      if (!record || record.userId !== owner.userId) {
        res.status(404).json({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null });
        return;
      }
      const session: McpSession = { id: header, record };
      if (req.method === 'GET' && live.size >= config.streamsPerProcess) {
        res
          .status(503)
          .set('Retry-After', '30')
          .json({ jsonrpc: '2.0', error: { code: -32000, message: 'Too many notification streams here; try again later' }, id: null });
        return;
      }
      const events = new QuietUntilResumed(store.events(header));
      transport = transportFor(header, events, { onsessionclosed: () => endSession(header, owner.userId) });
      server = build(session);
      await server.connect(transport);
      await resume(transport, session, hosts()[0]);
      events.resumed = true;
      if (req.method === 'GET') {
        detach = live.attach(header, owner, server, () => void transport.close());
      }
    }

    res.on('close', () => {
      detach();
      void transport.close();
      void server.close();
    });
    await getRequestListener((request) => transport.handleRequest(request, { parsedBody: req.body as unknown }), {
      overrideGlobalObjects: false,
    })(req, res).catch((err: unknown) => {
      logger.error({ err }, 'MCP request failed');
      if (!res.headersSent) res.status(500).json({ jsonrpc: '2.0', error: { code: -32603, message: 'Internal server error' }, id: null });
    });
  };
}

/**
 * Brings a fresh transport and server to where the session stands: the client's stored
 * initialize request goes through them (its answer discarded), so the SDK treats every later
 * request of the session as it would on the process that first saw it.
 */
async function resume(transport: WebStandardStreamableHTTPServerTransport, session: McpSession, host: string): Promise<void> {
  const response = await transport.handleRequest(
    new globalThis.Request(`http://${host}/mcp`, {
      method: 'POST',
      headers: { host, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    }),
    { parsedBody: { jsonrpc: '2.0', id: `resume-${session.id}`, method: 'initialize', params: session.record.init } },
  );
  await response.text();
}

/** The session's event store, storing nothing until the session is resumed (the replayed initialize is no event of the client's). */
class QuietUntilResumed implements EventStore {
  resumed = false;
  constructor(private readonly events: EventStore) {}

  storeEvent(...args: Parameters<EventStore['storeEvent']>) {
    return this.resumed ? this.events.storeEvent(...args) : Promise.resolve(`${args[0]}.0-0`);
  }

  replayEventsAfter(...args: Parameters<EventStore['replayEventsAfter']>) {
    return this.events.replayEventsAfter(...args);
  }
}
