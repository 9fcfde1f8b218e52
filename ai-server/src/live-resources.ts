import { randomUUID } from 'node:crypto';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import {
  ErrorCode,
  LoggingLevelSchema,
  McpError,
  SetLevelRequestSchema,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import type { LoggingLevel, ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import type { EventBus, Logger, McpSessionConfig } from '@maratron/core';
import type { SessionRecord, SessionStore } from './sessions';

export const RECENT_RUNS_URI = 'maratron://runs/recent';
export const CURRENT_PLAN_URI = 'maratron://plans/current';
/** One run the runner may see (get_run's visibility); its listing is the runner's recent runs. */
export const RUN_URI_TEMPLATE = 'maratron://runs/{id}';
export const runUri = (runId: string) => `maratron://runs/${runId}`;

/** The session a request belongs to: its id and stored state (sessions.ts). */
export interface McpSession {
  id: string;
  record: SessionRecord;
}

/** Whose token opened a notification stream: the stream closes when that sign-in or token ends. */
export interface StreamOwner {
  userId: string;
  sessionId: string | null;
  accessTokenId: string | null;
  expiresAt: Date | null;
}

interface Stream {
  owner: StreamOwner;
  server: McpServer;
  /** Notifications go out one at a time, in the order their events arrived. */
  queue: Promise<void>;
  close(): void;
}

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

const LEVELS = LoggingLevelSchema.options;

/**
 * The session's side of a request's server: logging/setLevel stored with the session, and
 * resources/subscribe and unsubscribe (after `authorize` has checked the caller may watch the
 * URI). Call before the server connects.
 */
export function serveSession(server: McpServer, session: McpSession, store: SessionStore, authorize: (uri: string) => Promise<void>): void {
  server.server.registerCapabilities({ logging: {}, resources: { subscribe: true, listChanged: true } });
  server.server.setRequestHandler(SetLevelRequestSchema, async ({ params }) => {
    await store.setLogLevel(session.id, params.level);
    return {};
  });
  server.server.setRequestHandler(SubscribeRequestSchema, async ({ params }) => {
    await authorize(params.uri);
    await store.subscribe(session.id, params.uri);
    return {};
  });
  server.server.setRequestHandler(UnsubscribeRequestSchema, async ({ params }) => {
    await store.unsubscribe(session.id, params.uri);
    return {};
  });
}

/**
 * A log message to the client on the request's own stream, when the session's level
 * (logging/setLevel) lets it through.
 */
export function sessionLog(session: McpSession | null, extra: Extra | undefined) {
  return async (level: LoggingLevel, data: Record<string, unknown>): Promise<void> => {
    if (!session || !extra || LEVELS.indexOf(level) < LEVELS.indexOf(session.record.logLevel)) return;
    await extra.sendNotification({ method: 'notifications/message', params: { level, logger: 'maratron', data } }).catch(() => undefined);
  };
}

/**
 * Progress notifications for a request that carries `_meta.progressToken`; nothing otherwise.
 * A lost notification never fails the call.
 */
export function progressOf(extra: Extra | undefined) {
  const token = extra?._meta?.progressToken;
  return async (progress: number, total: number, message: string): Promise<void> => {
    if (token === undefined || !extra) return;
    await extra
      .sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress, total, message } })
      .catch(() => undefined);
  };
}

/** What a change on the bus means for a runner's sessions. */
interface Change {
  uris: string[];
  /** The runs/{id} listing changed too (a run added or removed). */
  listChanged?: boolean;
}

/**
 * The notification streams (GET /mcp) this process holds, and what they are told: every change
 * to a runner's runs or plan, by any path in any process (GraphQL, MCP, an import, the other
 * replica), arrives on the event bus, and each of the runner's open streams gets
 * notifications/resources/updated for the URIs its session subscribed to (read from the session
 * store, so a subscription made through the other replica counts) and
 * notifications/resources/list_changed when runs were added or deleted.
 *
 * A stream closes with its session (DELETE anywhere, eviction, idling out), when the sign-in or
 * access token that opened it ends or expires, and when the same session opens a stream elsewhere
 * (one live stream per session, so nothing is sent twice).
 */
export class LiveResources {
  private readonly streams = new Map<string, Stream>();
  private readonly unsubscribes: (() => void)[];
  private readonly keepAlive: NodeJS.Timeout;

  constructor(
    private readonly bus: EventBus,
    private readonly store: SessionStore,
    config: McpSessionConfig,
    private readonly logger: Logger,
  ) {
    this.unsubscribes = [
      bus.subscribe('run.created', ({ userId }) => this.changed(userId, { uris: [RECENT_RUNS_URI], listChanged: true })),
      bus.subscribe('run.updated', ({ userId, runId }) => this.changed(userId, { uris: [RECENT_RUNS_URI, runUri(runId)] })),
      bus.subscribe('run.deleted', ({ userId, runId }) =>
        this.changed(userId, { uris: [RECENT_RUNS_URI, runUri(runId)], listChanged: true }),
      ),
      bus.subscribe('plan.changed', ({ userId }) => this.changed(userId, { uris: [CURRENT_PLAN_URI] })),
      bus.subscribe('mcp-session.ended', ({ mcpSessionId }) => this.streams.get(mcpSessionId)?.close()),
      bus.subscribe('mcp-session.stream-opened', ({ mcpSessionId, origin }) => {
        if (origin !== this.origin) this.streams.get(mcpSessionId)?.close();
      }),
      bus.subscribe('session.ended', ({ sessionIds }) => this.closeWhere((o) => o.sessionId !== null && sessionIds.includes(o.sessionId))),
      bus.subscribe('access-token.revoked', ({ accessTokenIds }) =>
        this.closeWhere((o) => o.accessTokenId !== null && accessTokenIds.includes(o.accessTokenId)),
      ),
      bus.subscribe('account.deleted', ({ userId }) => this.closeWhere((o) => o.userId === userId)),
    ];
    // An open stream keeps its session from idling out; a session gone from the store (ended
    // elsewhere, or Redis lost it) closes its stream. Twice per idle period.
    this.keepAlive = setInterval(() => void this.refresh(), Math.max(1000, config.idleSeconds * 500));
    this.keepAlive.unref();
  }

  /** This process, in `mcp-session.stream-opened` (a stream opened here replaces this process's own at once). */
  private readonly origin = randomUUID();

  get size(): number {
    return this.streams.size;
  }

  /**
   * Delivers notifications for `mcpSessionId` through `server` (connected to the stream's
   * transport) until the returned detach, or until `close` is called for one of the reasons above.
   */
  attach(mcpSessionId: string, owner: StreamOwner, server: McpServer, close: () => void): () => void {
    this.streams.get(mcpSessionId)?.close();
    let expiry: NodeJS.Timeout | undefined;
    const detach = () => {
      clearTimeout(expiry);
      if (this.streams.get(mcpSessionId) !== stream) return;
      this.streams.delete(mcpSessionId);
    };
    const stream: Stream = {
      owner,
      server,
      queue: Promise.resolve(),
      close: () => {
        detach();
        close();
      },
    };
    this.streams.set(mcpSessionId, stream);
    if (owner.expiresAt) {
      // setTimeout's longest delay is about 24.8 days; a stream open that long is closed and reopened.
      expiry = setTimeout(stream.close, Math.min(Math.max(0, owner.expiresAt.getTime() - Date.now()), 2 ** 31 - 1));
      expiry.unref();
    }
    this.bus.publish('mcp-session.stream-opened', { mcpSessionId, userId: owner.userId, origin: this.origin });
    return detach;
  }

  stop(): void {
    clearInterval(this.keepAlive);
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
    for (const stream of [...this.streams.values()]) stream.close();
  }

  private changed(userId: string, change: Change): void {
    for (const [id, stream] of this.streams) {
      if (stream.owner.userId !== userId) continue;
      stream.queue = stream.queue.then(() => this.notify(id, stream, change));
    }
  }

  private async notify(id: string, stream: Stream, { uris, listChanged }: Change): Promise<void> {
    try {
      const subscribed = new Set(await this.store.subscriptions(id));
      for (const uri of uris) if (subscribed.has(uri)) await stream.server.server.sendResourceUpdated({ uri });
      if (listChanged) await stream.server.server.sendResourceListChanged();
    } catch (err) {
      this.logger.warn({ err, mcpSessionId: id }, 'MCP notification not sent');
    }
  }

  private closeWhere(matches: (owner: StreamOwner) => boolean): void {
    for (const stream of [...this.streams.values()]) if (matches(stream.owner)) stream.close();
  }

  private async refresh(): Promise<void> {
    this.store.sweep();
    for (const [id, stream] of [...this.streams]) {
      const record = await this.store.get(id).catch((err: unknown) => {
        this.logger.warn({ err, mcpSessionId: id }, 'MCP session not refreshed');
        return undefined;
      });
      if (record === null) stream.close();
    }
  }
}

/** The error a subscription to something the caller may not watch gets. */
export function notWatchable(uri: string, why: string): McpError {
  return new McpError(ErrorCode.InvalidParams, `${uri} cannot be watched: ${why}`);
}
