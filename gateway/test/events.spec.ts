import { createClient } from 'redis';
import { createEventBus, LocalEventBus, CHANNEL_PREFIX, createLogger, connectRedis } from '@maratron/core';
import type { EventBus, Topics, RedisClient } from '@maratron/core';
import { redisUrlOrSkip } from './harness';
import { eventually } from './live';

const logger = createLogger('silent');

/** Collects the payloads a bus delivers on a topic. */
function collect<T extends keyof Topics>(bus: EventBus, topic: T) {
  const got: Topics[T][] = [];
  bus.subscribe(topic, (p) => got.push(p));
  return got;
}

describe('event bus', () => {
  it('in-process: delivers to local handlers after publish returns, and stops on unsubscribe', async () => {
    const bus = new LocalEventBus(logger);
    const got: string[] = [];
    const off = bus.subscribe('run.created', (p) => got.push(p.runId));
    bus.publish('run.created', { runId: 'r1', userId: 'u' });
    expect(got).toEqual([]);
    await eventually(() => got.length === 1);
    off();
    bus.publish('run.created', { runId: 'r2', userId: 'u' });
    await new Promise((r) => setImmediate(r));
    expect(got).toEqual(['r1']);
  });

  const url = redisUrlOrSkip('Redis event bus');
  (url ? it : it.skip)(
    'over Redis: every process sees every event once, and another process can publish with a plain PUBLISH',
    async () => {
      const clients: RedisClient[] = [await connectRedis(url!, () => {}), await connectRedis(url!, () => {})];
      const [a, b] = await Promise.all(clients.map((c) => createEventBus(c, logger)));
      try {
        const topic = 'post.updated' as const;
        const onA = collect(a, topic);
        const onB = collect(b, topic);
        const raw = createClient({ url: url! });
        await raw.connect();
        await eventually(
          async () => (await raw.pubSubNumSub(CHANNEL_PREFIX + topic))[CHANNEL_PREFIX + topic] >= 2,
          'both buses subscribed',
        );
        a.publish(topic, { postId: 'from-a', actorId: 'someone' });
        await raw.publish(CHANNEL_PREFIX + topic, JSON.stringify({ origin: 'ai-server', payload: { postId: 'from-elsewhere' } }));
        await raw.publish(CHANNEL_PREFIX + topic, JSON.stringify({ origin: 'ai-server', payload: { postId: 'last' } }));
        const ids = (got: { postId: string }[]) => got.map((p) => p.postId);
        await eventually(() => ids(onA).includes('last') && ids(onB).includes('last'), 'deliveries');
        // A sees its own event once: delivered locally, its echo from Redis ignored.
        for (const got of [onA, onB]) expect(ids(got).sort()).toEqual(['from-a', 'from-elsewhere', 'last']);
        await raw.quit();
      } finally {
        await a.close();
        await b.close();
        await Promise.all(clients.map((c) => c.quit()));
      }
    },
  );
});
