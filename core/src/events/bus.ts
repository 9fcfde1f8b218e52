import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger';
import { withCommandTimeout } from '../redis';
import type { RedisClient } from '../redis';
import type { Topic, Topics } from './topics';

export type Handler<T extends Topic> = (payload: Topics[T]) => void;

/**
 * The event bus. `publish` never throws and never waits for delivery: an event that can't
 * be sent is logged and dropped (events are notifications of committed changes, not the
 * record of them — the database is). Handlers run asynchronously, never inside `publish`.
 */
export interface EventBus {
  publish<T extends Topic>(topic: T, payload: Topics[T]): void;
  /** Calls `handler` for every event on `topic`, from this process or any other; returns the unsubscribe. */
  subscribe<T extends Topic>(topic: T, handler: Handler<T>): () => void;
  /** Reports each delivery's publish-to-delivery lag in this process (for metrics). */
  onDelivery(listener: (topic: Topic, lagSeconds: number) => void): void;
  close(): Promise<void>;
}

/** Local handlers per topic, shared by both buses. */
class Handlers {
  // Each set holds the handlers of its own topic: the map's type can't say so, so a handler is
  // stored as one taking any topic's payload (deliver only ever passes it its own).
  private readonly byTopic = new Map<Topic, Set<(payload: unknown) => void>>();

  add<T extends Topic>(topic: T, handler: Handler<T>): { first: boolean; remove: () => boolean } {
    let set = this.byTopic.get(topic);
    const first = !set;
    if (!set) this.byTopic.set(topic, (set = new Set()));
    const stored = handler as (payload: unknown) => void;
    set.add(stored);
    return {
      first,
      remove: () => {
        set.delete(stored);
        if (set.size > 0) return false;
        this.byTopic.delete(topic);
        return true;
      },
    };
  }

  /** On a later turn of the event loop, so a publisher's own code runs to completion first. */
  deliver(topic: Topic, payload: unknown, onError: (error: unknown) => void): void {
    const set = this.byTopic.get(topic);
    if (!set) return;
    setImmediate(() => {
      for (const handler of set) {
        try {
          handler(payload);
        } catch (error) {
          onError(error);
        }
      }
    });
  }
}

/** Single process: events reach this process's handlers only. */
export class LocalEventBus implements EventBus {
  private readonly handlers = new Handlers();
  private delivered: (topic: Topic, lagSeconds: number) => void = () => {};

  constructor(private readonly logger: Logger) {}

  publish<T extends Topic>(topic: T, payload: Topics[T]): void {
    this.handlers.deliver(topic, payload, (err) => this.logger.error({ err, topic }, 'event handler failed'));
    this.delivered(topic, 0);
  }

  onDelivery(listener: (topic: Topic, lagSeconds: number) => void): void {
    this.delivered = listener;
  }

  subscribe<T extends Topic>(topic: T, handler: Handler<T>): () => void {
    return this.handlers.add(topic, handler).remove;
  }

  async close(): Promise<void> {}
}

export const CHANNEL_PREFIX = 'maratron:events:';

/** What crosses Redis: the payload and the publishing process, which ignores its own echo. */
interface Envelope {
  origin: string;
  /** When it was published (ms since the epoch), for the delivery-lag metric. */
  sentAt?: number;
  payload: unknown;
}

/**
 * Every process sees every event: Redis pub/sub, one channel per topic
 * (`maratron:events:<topic>`, JSON `{ origin, payload }`), so another process — the
 * ai-server logging a run over MCP — publishes with a plain PUBLISH.
 *
 * This process's own events are delivered to its handlers directly (and their echo from
 * Redis ignored): local subscribers get them at once, and still get them while Redis is
 * away. Publishing while Redis is away is dropped and logged rather than queued, so
 * mutations never wait on Redis and nothing stale floods out when it returns. The
 * subscriber connection is the publisher's `duplicate()`; node-redis reconnects it with
 * backoff and subscribes its channels again, so delivery resumes without a restart.
 */
export class RedisEventBus implements EventBus {
  private readonly origin = randomUUID();
  private readonly handlers = new Handlers();
  private readonly listeners = new Map<Topic, (message: string) => void>();
  private delivered: (topic: Topic, lagSeconds: number) => void = () => {};

  private constructor(
    private readonly publisher: RedisClient,
    private readonly subscriber: RedisClient,
    private readonly logger: Logger,
  ) {}

  static async connect(publisher: RedisClient, logger: Logger): Promise<RedisEventBus> {
    const subscriber = publisher.duplicate();
    subscriber.on('error', (err) => logger.warn({ err }, 'redis event subscriber error'));
    await subscriber.connect();
    return new RedisEventBus(publisher, subscriber, logger);
  }

  publish<T extends Topic>(topic: T, payload: Topics[T]): void {
    this.handlers.deliver(topic, payload, (err) => this.logger.error({ err, topic }, 'event handler failed'));
    if (!this.publisher.isReady) {
      this.logger.warn({ topic }, 'redis unavailable: event not sent to other processes');
      return;
    }
    this.delivered(topic, 0);
    const envelope: Envelope = { origin: this.origin, sentAt: Date.now(), payload };
    // Never awaited, so a mutation never waits on it; a Redis that hangs rather than drops makes it
    // time out, logged like any other failure to send.
    withCommandTimeout(this.publisher, this.publisher.publish(CHANNEL_PREFIX + topic, JSON.stringify(envelope))).catch((err: unknown) => {
      this.logger.warn({ err, topic }, 'event not sent to other processes');
    });
  }

  subscribe<T extends Topic>(topic: T, handler: Handler<T>): () => void {
    const { first, remove } = this.handlers.add(topic, handler);
    if (first) {
      const listener = (message: string) => this.receive(topic, message);
      this.listeners.set(topic, listener);
      this.subscriber.subscribe(CHANNEL_PREFIX + topic, listener).catch((err: unknown) => {
        this.logger.error({ err, topic }, 'could not subscribe to events');
      });
    }
    return () => {
      if (!remove()) return;
      const listener = this.listeners.get(topic);
      this.listeners.delete(topic);
      this.subscriber.unsubscribe(CHANNEL_PREFIX + topic, listener).catch(() => undefined);
    };
  }

  onDelivery(listener: (topic: Topic, lagSeconds: number) => void): void {
    this.delivered = listener;
  }

  async close(): Promise<void> {
    await this.subscriber.quit().catch(() => this.subscriber.destroy());
  }

  private receive(topic: Topic, message: string): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(message) as Envelope;
    } catch {
      this.logger.warn({ topic }, 'malformed event ignored');
      return;
    }
    if (envelope.origin === this.origin) return;
    this.handlers.deliver(topic, envelope.payload, (err) => this.logger.error({ err, topic }, 'event handler failed'));
    if (envelope.sentAt) this.delivered(topic, Math.max(0, Date.now() - envelope.sentAt) / 1000);
  }
}

/** Redis pub/sub when Redis is configured, in-process otherwise. */
export async function createEventBus(redis: RedisClient | null, logger: Logger): Promise<EventBus> {
  return redis ? RedisEventBus.connect(redis, logger) : new LocalEventBus(logger);
}
