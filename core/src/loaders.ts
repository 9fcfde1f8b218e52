import type { RequestDb } from './database/request-db';
import { createGroupLoaders } from './groups/groups.loaders';
import { createNotificationLoaders } from './notifications/notifications.loaders';
import { createRunLoaders } from './runs/runs.loaders';
import { createShoeLoaders } from './shoes/shoes.loaders';
import { createSocialLoaders } from './social/social.loaders';
import { createTrainingLoaders } from './training/training.loaders';
import { createHeartRateLoaders } from './training/heart-rates';
import { createUserLoaders } from './users/users.loaders';
import { createCoachLoaders } from './coach/coach.loaders';
import { createSessionLoaders } from './sessions/sessions.loaders';
import { createWebhookLoaders } from './webhooks/webhooks.loaders';

/** Every DataLoader of a request, by name. */
export type Loaders = ReturnType<typeof createUserLoaders> &
  ReturnType<typeof createSocialLoaders> &
  ReturnType<typeof createRunLoaders> &
  ReturnType<typeof createShoeLoaders> &
  ReturnType<typeof createTrainingLoaders> &
  ReturnType<typeof createHeartRateLoaders> &
  ReturnType<typeof createGroupLoaders> &
  ReturnType<typeof createNotificationLoaders> &
  ReturnType<typeof createCoachLoaders> &
  ReturnType<typeof createSessionLoaders> &
  ReturnType<typeof createWebhookLoaders>;

type Group = (db: RequestDb, viewerId: string | null, loaders: Loaders) => object;

/** Each domain's loaders. A runs page primes the user and shoe loaders with the rows it joined in. */
const GROUPS: Group[] = [
  (db) => createUserLoaders(db),
  (db, viewerId) => createSocialLoaders(db, viewerId),
  (db, viewerId, loaders) =>
    createRunLoaders(db, viewerId, {
      user: (u) => loaders.userById.prime(u.id, u),
      shoe: (s) => loaders.shoeById.prime(s.id, s),
    }),
  (db, viewerId) => createShoeLoaders(db, viewerId),
  (db, viewerId) => createTrainingLoaders(db, viewerId),
  (db, viewerId) => createHeartRateLoaders(db, viewerId),
  (db, viewerId) => createGroupLoaders(db, viewerId),
  (db, viewerId) => createNotificationLoaders(db, viewerId),
  (db) => createCoachLoaders(db),
  (db) => createSessionLoaders(db),
  (db) => createWebhookLoaders(db),
];

const DB = Symbol('db');
const VIEWER = Symbol('viewer');
type LazyLoaders = Record<string | symbol, unknown> & { [DB]: RequestDb; [VIEWER]: string | null };

/** The prototype of every request's loaders: one getter per loader, made from the first request's. */
let lazyPrototype: object | null = null;

function prototypeFrom(groups: object[]): object {
  const prototype = {};
  groups.forEach((built, index) => {
    for (const name of Object.keys(built)) {
      Object.defineProperty(prototype, name, {
        get(this: LazyLoaders) {
          // The first use of any of a domain's loaders builds that domain's, as the object's own properties.
          const group = GROUPS[index](this[DB], this[VIEWER], this as unknown as Loaders) as Record<string, unknown>;
          for (const [key, loader] of Object.entries(group)) Object.defineProperty(this, key, { value: loader, enumerable: true });
          return group[name];
        },
      });
    }
  });
  return prototype;
}

/**
 * Every DataLoader, fresh per request (and per subscription event) so none serves stale rows —
 * and built only when used: a request touches two or three domains of the eleven, and building
 * ~40 loaders (each with its closures and cache) on every request showed in the profile.
 */
export function createLoaders(db: RequestDb, viewerId: string | null): Loaders {
  if (!lazyPrototype) {
    // The first request's loaders are built whole, and tell which names each domain's builder makes.
    const loaders = {} as Loaders;
    const groups = GROUPS.map((group) => group(db, viewerId, loaders));
    Object.assign(loaders, ...groups);
    lazyPrototype = prototypeFrom(groups);
    return loaders;
  }
  return Object.create(lazyPrototype, { [DB]: { value: db }, [VIEWER]: { value: viewerId } }) as Loaders;
}
