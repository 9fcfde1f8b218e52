import type { RequestDb } from '../database/request-db';
import type { EventBus } from './bus';
import type { Topic, Topics } from './topics';

/** Publishes once the request's writes have committed; never if they roll back. */
export function publishAfterCommit<T extends Topic>(db: RequestDb, bus: EventBus, topic: T, payload: Topics[T]): void {
  db.afterCommit(() => bus.publish(topic, payload));
}
