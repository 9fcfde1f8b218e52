import { randomUUID } from 'node:crypto';
import { createSourceEventStream, execute, GraphQLError } from 'graphql';
import type { DocumentNode, ExecutionArgs, ExecutionResult, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { WebSocket } from 'ws';
import { blockersOf, createRequestContext, RequestDb, actorOf } from '@maratron/core';
import type { EventBus, Topic, Topics, Logger } from '@maratron/core';
import type { Channel, Subscriber } from './channels';
import { LiveSource } from './live-source';
import { viewerDependence } from './per-viewer';
import type { ViewerDependence } from './per-viewer';

/** What the WebSocket layer hands over with each subscription (as graphql-ws's contextValue). */
export interface LiveEnvelope {
  viewerId: string | null;
  /** The session of the connection's token (null when anonymous). */
  sessionId: string | null;
  /** The connection's personal access token, when it came with one instead of a session. */
  accessTokenId?: string | null;
  address: string;
  socket: WebSocket;
  /** The client's operation id, which every frame for this subscription carries. */
  operationId: string;
  /** The query text, operation name and variables: subscribers with the same one share a result. */
  documentKey: string;
}

export type ErrorFormatter = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

interface LiveSubscriber extends Subscriber {
  source: LiveSource;
  /** The session (or personal access token) of the connection: checked before every delivery. */
  sessionId: string | null;
  /** Closes the subscriber's connection (its session has ended). */
  closeConnection(): void;
  channel: string;
  key: string;
  documentKey: string;
  /** What of the document's result depends on the viewer (per-viewer.ts). */
  dependence: ViewerDependence;
  document: DocumentNode;
  variableValues: ExecutionArgs['variableValues'];
  operationName: ExecutionArgs['operationName'];
  send(payloadJson: string): void;
}

/** Close code for a connection whose session has ended (graphql-ws's 4403 Forbidden, as for a bad token). */
const SESSION_ENDED = 4403;
/** A socket with this much unsent data is too slow to keep up: it is closed (the client reconnects). */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** Executions of one event that run at once (they share the event's one connection). */
const EXECUTION_CONCURRENCY = 8;
/** Events a channel may hold while it is behind; beyond that the oldest are dropped (and logged). */
const MAX_PENDING_EVENTS = 10_000;

/**
 * Serves every Subscription field (they all `subscribe: live(field)`): graphql-ws hands each
 * subscribe operation to `subscribe`, and events from the bus come in through `channels`.
 *
 * Per event, the work is done once, not once per subscriber:
 * - only the subscribers whose key the event names are looked at (the post they watch, the
 *   recipient of a notification); an event nobody here listens to costs nothing;
 * - who of them receives it is decided by the channel's audience in one statement (the
 *   follow and membership sets of those viewers, then the visibility rule in memory);
 * - receivers are grouped by (document, variables, and — only when the result depends on
 *   the viewer — viewer): each group's selection is executed once, on a context with fresh
 *   DataLoaders over one transaction for the whole event, and serialised once;
 * - the same payload text is written to every socket in the group, inside a `next` frame
 *   that differs only by the operation id.
 * Events of one channel are handled in order, so a client never sees an older count after
 * a newer one.
 */
export class LiveDispatcher {
  /** channel → key → subscribers */
  private readonly registry = new Map<string, Map<string, Set<LiveSubscriber>>>();
  private readonly queues = new Map<string, { pending: Topics[Topic][]; running: boolean }>();
  /** How a document depends on the viewer. (Documents are shared between subscribers: see ws-server.ts.) */
  private readonly dependenceByDocument = new WeakMap<DocumentNode, ViewerDependence>();
  private readonly unsubscribes: (() => void)[] = [];

  constructor(
    private readonly deps: {
      schema: GraphQLSchema;
      dataSource: DataSource;
      bus: EventBus;
      channels: Record<string, Channel>;
      formatError: ErrorFormatter;
      logger: Logger;
    },
  ) {
    for (const [name, channel] of Object.entries(deps.channels)) {
      for (const topic of channel.topics) this.unsubscribes.push(deps.bus.subscribe(topic, (payload) => this.enqueue(name, payload)));
    }
  }

  /** Live subscriptions on this process (for tests and metrics). */
  get size(): number {
    let n = 0;
    for (const keys of this.registry.values()) for (const set of keys.values()) n += set.size;
    return n;
  }

  /**
   * graphql-ws's `subscribe`: resolves the field's source (arguments coerced, `live(field)`
   * called), checks the channel's authorization on a short-lived context, and registers the
   * subscriber. Errors come back as a formatted result, as over HTTP.
   */
  async subscribe(args: ExecutionArgs): Promise<AsyncGenerator<never, undefined> | ExecutionResult> {
    const envelope = args.contextValue as LiveEnvelope;
    const ctx = createRequestContext(this.deps.dataSource, randomUUID(), envelope.viewerId, envelope.address, {
      sessionId: envelope.sessionId,
      accessTokenId: envelope.accessTokenId ?? null,
    });
    try {
      const source = await createSourceEventStream({ ...args, contextValue: ctx });
      if (!(source instanceof LiveSource)) {
        if ('errors' in source) return this.formatResult(source as ExecutionResult, 'BAD_USER_INPUT');
        throw new Error('Subscription fields must subscribe with live(field)');
      }
      const channel = this.deps.channels[source.field];
      if (!channel) throw new Error(`No live channel for ${source.field}`);
      try {
        await channel.authorize(ctx, source.args);
      } catch (error) {
        return this.formatResult({
          errors: [new GraphQLError((error as Error).message, { originalError: error as Error, path: [source.field] })],
        });
      }
      this.register(source, channel, args, envelope);
      return source;
    } finally {
      await ctx.db.close();
    }
  }

  /** Ends every subscription (shutdown) and stops listening to the bus. */
  close(): void {
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
    for (const keys of this.registry.values()) for (const set of keys.values()) for (const sub of set) sub.source.end();
    this.registry.clear();
  }

  private register(source: LiveSource, channel: Channel, args: ExecutionArgs, envelope: LiveEnvelope): void {
    const viewerId = source.viewerId!;
    const frameStart = `{"id":${JSON.stringify(envelope.operationId)},"type":"next","payload":`;
    const socket = envelope.socket;
    const subscriber: LiveSubscriber = {
      source,
      viewerId,
      // maratron_ended_sessions answers for access token ids too.
      sessionId: envelope.sessionId ?? envelope.accessTokenId ?? null,
      closeConnection: () => socket.close(SESSION_ENDED, 'Session ended'),
      args: source.args,
      channel: source.field,
      key: channel.keyOf(source.args, viewerId),
      documentKey: envelope.documentKey,
      dependence: this.dependence(args.document),
      document: args.document,
      variableValues: args.variableValues,
      operationName: args.operationName,
      send: (payloadJson) => {
        if (source.isEnded || socket.readyState !== WebSocket.OPEN) return;
        if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
          socket.close(1013, 'Too slow to receive live updates');
          return;
        }
        socket.send(frameStart + payloadJson + '}');
      },
    };
    let keys = this.registry.get(subscriber.channel);
    if (!keys) this.registry.set(subscriber.channel, (keys = new Map()));
    let set = keys.get(subscriber.key);
    if (!set) keys.set(subscriber.key, (set = new Set()));
    set.add(subscriber);
    source.onEnd(() => {
      set.delete(subscriber);
      if (set.size === 0 && keys.get(subscriber.key) === set) keys.delete(subscriber.key);
    });
  }

  private dependence(document: DocumentNode): ViewerDependence {
    let answer = this.dependenceByDocument.get(document);
    if (answer === undefined) {
      answer = viewerDependence(this.deps.schema, document);
      this.dependenceByDocument.set(document, answer);
    }
    return answer;
  }

  private enqueue(channelName: string, payload: Topics[Topic]): void {
    let queue = this.queues.get(channelName);
    if (!queue) this.queues.set(channelName, (queue = { pending: [], running: false }));
    queue.pending.push(payload);
    if (queue.pending.length > MAX_PENDING_EVENTS) {
      queue.pending.shift();
      this.deps.logger.warn({ channel: channelName }, 'live updates falling behind: oldest event dropped');
    }
    if (!queue.running) void this.drain(channelName, queue);
  }

  private async drain(channelName: string, queue: { pending: Topics[Topic][]; running: boolean }): Promise<void> {
    queue.running = true;
    const channel = this.deps.channels[channelName];
    try {
      while (queue.pending.length) {
        const batch = channel.coalesce ? queue.pending.splice(0) : queue.pending.splice(0, 1);
        try {
          await this.dispatch(channelName, channel, batch);
        } catch (err) {
          this.deps.logger.error({ err, channel: channelName }, 'live event could not be delivered');
        }
      }
    } finally {
      queue.running = false;
    }
  }

  private async dispatch(channelName: string, channel: Channel, payloads: Topics[Topic][]): Promise<void> {
    const keys = this.registry.get(channelName);
    if (!keys) return;
    const candidates = new Set<LiveSubscriber>();
    for (const payload of payloads) for (const sub of keys.get(channel.keyOfEvent(payload)) ?? []) candidates.add(sub);
    if (!candidates.size) return;

    // Who may receive it is read as the runner who caused the event (row-level security). A
    // coalesced burst may come from several runners, and each sees what the others may not
    // (a private group's members): it is read once per runner.
    const receivers = new Map<LiveSubscriber, string[]>();
    for (const [actor, theirs] of byActor(payloads)) {
      const db = new RequestDb(this.deps.dataSource, actor);
      try {
        for (const sub of await channel.audience(db, theirs, [...candidates])) receivers.set(sub, [...(receivers.get(sub) ?? []), actor]);
      } finally {
        await db.close();
      }
    }
    // A document whose result differs for the event's owner (OWNER_VIEW: a run's track) runs once
    // for each owner and once for everyone else; where the channel can't name the owners, per viewer.
    const owners = channel.ownersOf?.(payloads) ?? null;
    const alone = (sub: LiveSubscriber) =>
      channel.rootPerViewer || sub.dependence === 'viewer' || (sub.dependence === 'owner' && (owners === null || owners.has(sub.viewerId)));
    // Blocks: what a subscriber someone blocked may see differs from what others see (their
    // blockers' posts, comments, kudos and memberships are hidden from them), so their update is
    // executed as them alone; and an event only their blockers caused is not sent to them at all.
    const others = [
      ...new Set([...receivers].filter(([sub, actors]) => actors.some((a) => a !== sub.viewerId)).map(([sub]) => sub.viewerId)),
    ];
    const blockers = await blockersOf(this.deps.dataSource, others);
    const groups = new Map<string, LiveSubscriber[]>();
    for (const [sub, actors] of receivers) {
      const blockedBy = blockers.get(sub.viewerId);
      if (blockedBy && actors.every((actor) => blockedBy.has(actor))) continue;
      const key = alone(sub) || blockedBy !== undefined ? `${sub.documentKey}\n${sub.viewerId}` : sub.documentKey;
      const group = groups.get(key);
      if (group) group.push(sub);
      else groups.set(key, [sub]);
    }
    const root = payloads[payloads.length - 1];
    await inParallel([...groups.values()], EXECUTION_CONCURRENCY, (group) => this.deliver(root, group));
  }

  /**
   * Executes the group's selection once, as its first viewer (in a transaction of its own, so
   * row-level security reads as that viewer), and sends it to all of them — but to no connection
   * whose session has ended: the same opening round trip looks all the group's sessions up, and
   * those connections are closed instead (in case the `session.ended` event did not reach this
   * process, with Redis away).
   */
  private async deliver(root: unknown, group: LiveSubscriber[]): Promise<void> {
    let live = group.filter((sub) => !sub.source.isEnded);
    if (!live.length) return;
    const [first] = live;
    const sessions = [...new Set(live.flatMap((sub) => (sub.sessionId ? [sub.sessionId] : [])))];
    const db = new RequestDb(this.deps.dataSource, first.viewerId, { checkSessions: sessions });
    const ctx = createRequestContext(this.deps.dataSource, randomUUID(), first.viewerId, 'live', { db });
    let result: ExecutionResult;
    try {
      const ended = await db.endedSessions();
      if (ended.size) {
        for (const sub of live) if (sub.sessionId && ended.has(sub.sessionId)) sub.closeConnection();
        live = live.filter((sub) => !sub.sessionId || !ended.has(sub.sessionId));
        if (!live.length) return;
      }
      result = await execute({
        schema: this.deps.schema,
        document: first.document,
        rootValue: root,
        contextValue: ctx,
        variableValues: first.variableValues,
        operationName: first.operationName,
      });
    } finally {
      await ctx.db.close();
    }
    // The subscribed field itself failed: what the event names is gone or no longer visible
    // to these viewers (deleted since, made private, left the group). Nothing to deliver.
    if (!result.data) return;
    const payloadJson = JSON.stringify(this.formatResult(result));
    for (const sub of live) sub.send(payloadJson);
  }

  /**
   * Errors formatted as over HTTP (codes kept, internals masked). `defaultCode` labels
   * GraphQL's own errors (variable coercion) the way Apollo Server does.
   */
  private formatResult(result: ExecutionResult, defaultCode?: string): ExecutionResult {
    if (!result.errors?.length) return result;
    const errors = result.errors.map((error) => {
      const labelled =
        defaultCode && !error.originalError && !error.extensions?.code
          ? new GraphQLError(error.message, {
              nodes: error.nodes,
              source: error.source,
              positions: error.positions,
              path: error.path,
              extensions: { ...error.extensions, code: defaultCode },
            })
          : error;
      const formatted = this.deps.formatError(labelled.toJSON(), labelled);
      return new GraphQLError(formatted.message, {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        path: formatted.path,
        extensions: formatted.extensions,
      });
    });
    return { ...result, errors };
  }
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** A burst's events by the runner who caused them, in order of first appearance. */
function byActor(payloads: Topics[Topic][]): Map<string, Topics[Topic][]> {
  const actors = new Map<string, Topics[Topic][]>();
  for (const payload of payloads) {
    const actor = actorOf(payload);
    const theirs = actors.get(actor);
    if (theirs) theirs.push(payload);
    else actors.set(actor, [payload]);
  }
  return actors;
}
