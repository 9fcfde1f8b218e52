import { randomUUID } from 'node:crypto';
import type { EventId, EventStore, StreamId } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { InitializeRequest, JSONRPCMessage, LoggingLevel } from '@modelcontextprotocol/sdk/types.js';
import { withCommandTimeout } from '@maratron/core';
import type { Logger, McpSessionConfig, RedisClient } from '@maratron/core';

/**
 * Stateful MCP sessions (Streamable HTTP, `Mcp-Session-Id`).
 *
 * Why sessions live in Redis rather than being pinned to a replica: the proxy spreads requests
 * over the replicas (least_conn) and an MCP client carries nothing a proxy could pin on before
 * it has a session id, so pinning would need the id to encode its replica and would break the
 * moment that replica restarts. Instead a session is a small record — who created it, the
 * client's initialize request, its log level and its subscriptions — and every request, on any
 * replica, rebuilds the session's server from it (server.ts replays the stored initialize
 * through a fresh transport). Nothing of a session is held in a process except an open
 * notification stream (GET), and the events sent on any stream are kept here too, so a client
 * resuming with Last-Event-ID on the other replica gets what it missed. Without Redis (one
 * process) the same records are kept in memory.
 *
 * Authentication stays per request: the record only binds the session to the runner who
 * created it (another runner's token naming it is told the session does not exist), and each
 * request still acts with its own bearer token, so a revoked token or ended sign-in stops the
 * session's calls at once.
 */
export interface SessionRecord {
  /** The runner who created the session: only their tokens may use it. */
  userId: string;
  /** The client's initialize request, replayed to rebuild the session's server anywhere. */
  init: InitializeRequest['params'];
  /** logging/setLevel: the least severe level the client is sent (default `info`). */
  logLevel: LoggingLevel;
}

export const DEFAULT_LOG_LEVEL: LoggingLevel = 'info';

export interface SessionStore {
  /** Stores a new session; returns the ids of the runner's sessions it ended (past MCP_SESSIONS_PER_RUNNER, least recently used first). */
  create(id: string, record: SessionRecord): Promise<string[]>;
  /** The session with its idle clock reset; null once it ended or idled out. */
  get(id: string): Promise<SessionRecord | null>;
  /** Resets the idle clock of a session whose stream is open (no requests needed to stay alive). */
  touch(id: string, userId: string): Promise<void>;
  setLogLevel(id: string, level: LoggingLevel): Promise<void>;
  subscribe(id: string, uri: string): Promise<void>;
  unsubscribe(id: string, uri: string): Promise<void>;
  subscriptions(id: string): Promise<string[]>;
  delete(id: string, userId: string): Promise<void>;
  /** The session's SSE events, kept for resumption (Last-Event-ID). */
  events(id: string): EventStore;
  /** Drops what has idled out (the in-memory store; Redis expires keys itself). */
  sweep(): void;
}

export function createSessionStore(redis: RedisClient | null, config: McpSessionConfig, logger: Logger): SessionStore {
  const memory = new MemorySessionStore(config);
  return redis ? new ResilientSessionStore(new RedisSessionStore(redis, config), memory, logger) : memory;
}

/** `<streamId>.<position>`: stream ids are UUIDs or the SDK's `_GET_stream`, never with a dot. */
const eventId = (streamId: StreamId, position: string): EventId => `${streamId}.${position}`;
function parseEventId(id: EventId): { streamId: StreamId; position: string } | null {
  const dot = id.lastIndexOf('.');
  return dot > 0 ? { streamId: id.slice(0, dot), position: id.slice(dot + 1) } : null;
}

const sessionKey = (id: string) => `mcp:session:${id}`;
const subsKey = (id: string) => `mcp:session:${id}:subscriptions`;
const runnerKey = (userId: string) => `mcp:runner-sessions:${userId}`;
const eventsKey = (id: string, streamId: StreamId) => `mcp:session:${id}:events:${streamId}`;

/**
 * Redis: the record (JSON) and its subscriptions (a set) expire after MCP_SESSION_IDLE_SECONDS
 * unless used; each runner's sessions are a sorted set by last use, for the per-runner limit;
 * each stream's events a Redis stream capped at MCP_STREAM_EVENTS_KEPT.
 */
class RedisSessionStore implements SessionStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly config: McpSessionConfig,
  ) {}

  private run<T>(command: Promise<T>): Promise<T> {
    return withCommandTimeout(this.redis, command);
  }

  async create(id: string, record: SessionRecord): Promise<string[]> {
    const now = Date.now();
    const ttl = this.config.idleSeconds;
    const key = runnerKey(record.userId);
    await this.run(
      this.redis
        .multi()
        .set(sessionKey(id), JSON.stringify(record), { EX: ttl })
        .zRemRangeByScore(key, '-inf', now - ttl * 1000)
        .zAdd(key, { score: now, value: id })
        .expire(key, ttl)
        .exec(),
    );
    const count = await this.run(this.redis.zCard(key));
    if (count <= this.config.perRunner) return [];
    const evicted = await this.run(this.redis.zRange(key, 0, count - this.config.perRunner - 1));
    await Promise.all(evicted.map((old) => this.delete(old, record.userId)));
    return evicted;
  }

  async get(id: string): Promise<SessionRecord | null> {
    const text = await this.run(this.redis.get(sessionKey(id)));
    if (!text) return null;
    const record = JSON.parse(text) as SessionRecord;
    await this.touch(id, record.userId);
    return record;
  }

  async touch(id: string, userId: string): Promise<void> {
    const ttl = this.config.idleSeconds;
    await this.run(
      this.redis
        .multi()
        .expire(sessionKey(id), ttl)
        .expire(subsKey(id), ttl)
        .zAdd(runnerKey(userId), { score: Date.now(), value: id }, { XX: true })
        .expire(runnerKey(userId), ttl)
        .exec(),
    );
  }

  async setLogLevel(id: string, level: LoggingLevel): Promise<void> {
    const record = await this.get(id);
    if (record) await this.run(this.redis.set(sessionKey(id), JSON.stringify({ ...record, logLevel: level }), { KEEPTTL: true }));
  }

  async subscribe(id: string, uri: string): Promise<void> {
    await this.run(this.redis.multi().sAdd(subsKey(id), uri).expire(subsKey(id), this.config.idleSeconds).exec());
  }

  async unsubscribe(id: string, uri: string): Promise<void> {
    await this.run(this.redis.sRem(subsKey(id), uri));
  }

  subscriptions(id: string): Promise<string[]> {
    return this.run(this.redis.sMembers(subsKey(id)));
  }

  async delete(id: string, userId: string): Promise<void> {
    await this.run(
      this.redis
        .multi()
        .del([sessionKey(id), subsKey(id)])
        .zRem(runnerKey(userId), id)
        .exec(),
    );
  }

  events(id: string): EventStore {
    const { redis, config } = this;
    const run = <T>(command: Promise<T>) => this.run(command);
    return {
      async storeEvent(streamId: StreamId, message: JSONRPCMessage): Promise<EventId> {
        const key = eventsKey(id, streamId);
        const [position] = await run(
          redis
            .multi()
            .xAdd(
              key,
              '*',
              { m: JSON.stringify(message) },
              { TRIM: { strategy: 'MAXLEN', strategyModifier: '=', threshold: config.eventsKept } },
            )
            .expire(key, config.idleSeconds)
            .exec(),
        );
        return eventId(streamId, String(position));
      },
      async replayEventsAfter(lastEventId, { send }): Promise<StreamId> {
        const parsed = parseEventId(lastEventId);
        if (!parsed) throw new Error(`not an event id of this server: ${lastEventId}`);
        const entries = await run(redis.xRange(eventsKey(id, parsed.streamId), `(${parsed.position}`, '+'));
        for (const entry of entries ?? []) {
          await send(eventId(parsed.streamId, entry.id), JSON.parse(String(entry.message.m)) as JSONRPCMessage);
        }
        return parsed.streamId;
      },
    };
  }

  sweep(): void {}
}

interface MemorySession {
  record: SessionRecord;
  subscriptions: Set<string>;
  lastUsed: number;
  streams: Map<StreamId, { position: number; message: JSONRPCMessage }[]>;
}

/** One process: the same rules as Redis's, in a map swept of idle sessions. */
class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, MemorySession>();
  private position = 0;

  constructor(private readonly config: McpSessionConfig) {}

  private live(id: string): MemorySession | null {
    const session = this.sessions.get(id);
    if (!session) return null;
    if (Date.now() - session.lastUsed >= this.config.idleSeconds * 1000) {
      this.sessions.delete(id);
      return null;
    }
    return session;
  }

  async create(id: string, record: SessionRecord): Promise<string[]> {
    this.sweep();
    this.sessions.set(id, { record, subscriptions: new Set(), lastUsed: Date.now(), streams: new Map() });
    const mine = [...this.sessions.entries()]
      .filter(([, s]) => s.record.userId === record.userId)
      .sort(([, a], [, b]) => a.lastUsed - b.lastUsed);
    const evicted = mine.slice(0, Math.max(0, mine.length - this.config.perRunner)).map(([old]) => old);
    for (const old of evicted) this.sessions.delete(old);
    return evicted;
  }

  async get(id: string): Promise<SessionRecord | null> {
    const session = this.live(id);
    if (!session) return null;
    session.lastUsed = Date.now();
    return session.record;
  }

  async touch(id: string): Promise<void> {
    const session = this.live(id);
    if (session) session.lastUsed = Date.now();
  }

  async setLogLevel(id: string, level: LoggingLevel): Promise<void> {
    const session = this.live(id);
    if (session) session.record = { ...session.record, logLevel: level };
  }

  async subscribe(id: string, uri: string): Promise<void> {
    this.live(id)?.subscriptions.add(uri);
  }

  async unsubscribe(id: string, uri: string): Promise<void> {
    this.live(id)?.subscriptions.delete(uri);
  }

  async subscriptions(id: string): Promise<string[]> {
    return [...(this.live(id)?.subscriptions ?? [])];
  }

  async delete(id: string): Promise<void> {
    this.sessions.delete(id);
  }

  /** Keeps this process's copy of a session as Redis has it (its events and idle clock carry on). */
  mirror(id: string, record: SessionRecord, subscriptions?: readonly string[]): void {
    const session = this.sessions.get(id);
    if (!session) {
      this.sessions.set(id, { record, subscriptions: new Set(subscriptions), lastUsed: Date.now(), streams: new Map() });
      return;
    }
    session.record = record;
    session.lastUsed = Date.now();
    if (subscriptions) session.subscriptions = new Set(subscriptions);
  }

  mirrorSubscriptions(id: string, subscriptions: readonly string[]): void {
    const session = this.sessions.get(id);
    if (session) session.subscriptions = new Set(subscriptions);
  }

  events(id: string): EventStore {
    const streamOf = (streamId: StreamId) => {
      const session = this.live(id);
      if (!session) return [];
      let events = session.streams.get(streamId);
      if (!events) session.streams.set(streamId, (events = []));
      return events;
    };
    return {
      storeEvent: async (streamId, message) => {
        const events = streamOf(streamId);
        const position = ++this.position;
        events.push({ position, message });
        events.splice(0, Math.max(0, events.length - this.config.eventsKept));
        return eventId(streamId, String(position));
      },
      replayEventsAfter: async (lastEventId, { send }) => {
        const parsed = parseEventId(lastEventId);
        if (!parsed) throw new Error(`not an event id of this server: ${lastEventId}`);
        const after = Number(parsed.position);
        for (const event of streamOf(parsed.streamId).filter((e) => e.position > after)) {
          await send(eventId(parsed.streamId, String(event.position)), event.message);
        }
        return parsed.streamId;
      },
    };
  }

  sweep(): void {
    for (const id of [...this.sessions.keys()]) this.live(id);
  }
}

/** After Redis failed, how long its commands are not tried (each would wait out REDIS_COMMAND_TIMEOUT_MS). */
const REDIS_RETRY_MS = 5000;

/**
 * Redis, with this process's own copy of every session it served as the fallback: through a Redis
 * outage the sessions this replica knows go on (and new ones open here, known only here until they
 * end), as MCP tool calls do; once Redis answers again it is the record again.
 */
class ResilientSessionStore implements SessionStore {
  private redisDownUntil = 0;

  constructor(
    private readonly redis: RedisSessionStore,
    private readonly memory: MemorySessionStore,
    private readonly logger: Logger,
  ) {}

  private async either<T>(remote: () => Promise<T>, local: () => Promise<T>): Promise<T> {
    if (Date.now() < this.redisDownUntil) return local();
    try {
      return await remote();
    } catch (err) {
      this.logger.warn({ err }, 'redis unavailable: MCP sessions served from this process');
      this.redisDownUntil = Date.now() + REDIS_RETRY_MS;
      return local();
    }
  }

  async create(id: string, record: SessionRecord): Promise<string[]> {
    const evictedHere = await this.memory.create(id, record);
    return this.either(
      () => this.redis.create(id, record),
      async () => evictedHere,
    );
  }

  get(id: string): Promise<SessionRecord | null> {
    return this.either(
      async () => {
        const record = await this.redis.get(id);
        if (record) this.memory.mirror(id, record);
        else await this.memory.delete(id);
        return record;
      },
      () => this.memory.get(id),
    );
  }

  touch(id: string, userId: string): Promise<void> {
    void this.memory.touch(id);
    return this.either(
      () => this.redis.touch(id, userId),
      async () => undefined,
    );
  }

  async setLogLevel(id: string, level: LoggingLevel): Promise<void> {
    await this.memory.setLogLevel(id, level);
    await this.either(
      () => this.redis.setLogLevel(id, level),
      async () => undefined,
    );
  }

  async subscribe(id: string, uri: string): Promise<void> {
    await this.memory.subscribe(id, uri);
    await this.either(
      () => this.redis.subscribe(id, uri),
      async () => undefined,
    );
  }

  async unsubscribe(id: string, uri: string): Promise<void> {
    await this.memory.unsubscribe(id, uri);
    await this.either(
      () => this.redis.unsubscribe(id, uri),
      async () => undefined,
    );
  }

  subscriptions(id: string): Promise<string[]> {
    return this.either(
      async () => {
        const subscriptions = await this.redis.subscriptions(id);
        this.memory.mirrorSubscriptions(id, subscriptions);
        return subscriptions;
      },
      () => this.memory.subscriptions(id),
    );
  }

  async delete(id: string, userId: string): Promise<void> {
    await this.memory.delete(id);
    await this.either(
      () => this.redis.delete(id, userId),
      async () => undefined,
    );
  }

  events(id: string): EventStore {
    const remote = this.redis.events(id);
    const local = this.memory.events(id);
    return {
      storeEvent: (streamId, message) =>
        this.either(
          () => remote.storeEvent(streamId, message),
          () => local.storeEvent(streamId, message),
        ),
      // Redis's positions are `<ms>-<seq>`, this process's plain numbers.
      replayEventsAfter: (lastEventId, handlers) =>
        (parseEventId(lastEventId)?.position.includes('-') ? remote : local).replayEventsAfter(lastEventId, handlers),
    };
  }

  sweep(): void {
    this.memory.sweep();
  }
}

/** A new session id: random, so holding one is the only way to name a session. */
export const newSessionId = (): string => randomUUID();
