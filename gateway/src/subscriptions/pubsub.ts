import type { PubSub } from 'type-graphql';

/**
 * type-graphql insists on a PubSub once a schema has subscriptions; this one refuses both of
 * its uses, on purpose. Events are published by services through the event bus once their
 * transaction commits (`publishAfterCommit`), never from a resolver mid-transaction; and every
 * subscription field uses `subscribe: live(field)`, served by the live dispatcher, which
 * applies the visibility rule and shares each event's result between subscribers — a
 * `topics:` field would bypass both.
 */
export const refusingPubSub: PubSub = {
  publish(topic: string) {
    throw new Error(`Publishing ${topic} from a resolver is not supported: services publish after commit (events/publish.ts)`);
  },
  subscribe(topic: string) {
    throw new Error(
      `Subscribing by topic (${topic}) is not supported: use subscribe: live(field) and a channel in subscriptions/channels.ts`,
    );
  },
};
