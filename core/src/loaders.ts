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

/** Every DataLoader, built fresh per request (and per subscription event) so none serves stale rows. */
export function createLoaders(db: RequestDb, viewerId: string | null) {
  const users = createUserLoaders(db);
  const shoes = createShoeLoaders(db, viewerId);
  return {
    ...users,
    ...createSocialLoaders(db, viewerId),
    ...createRunLoaders(db, viewerId, {
      user: (u) => users.userById.prime(u.id, u),
      shoe: (s) => shoes.shoeById.prime(s.id, s),
    }),
    ...shoes,
    ...createTrainingLoaders(db, viewerId),
    ...createHeartRateLoaders(db, viewerId),
    ...createGroupLoaders(db, viewerId),
    ...createNotificationLoaders(db, viewerId),
    ...createCoachLoaders(db),
    ...createSessionLoaders(db),
    ...createWebhookLoaders(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
