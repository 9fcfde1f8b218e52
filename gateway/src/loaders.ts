import type { RequestDb } from './database/request-db';
import { createGroupLoaders } from './groups/groups.loaders';
import { createNotificationLoaders } from './notifications/notifications.loaders';
import { createRunLoaders } from './runs/runs.loaders';
import { createShoeLoaders } from './shoes/shoes.loaders';
import { createSocialLoaders } from './social/social.loaders';
import { createUserLoaders } from './users/users.loaders';

/** Every DataLoader, built fresh per request (and per subscription event) so none serves stale rows. */
export function createLoaders(db: RequestDb, viewerId: string | null) {
  return {
    ...createUserLoaders(db),
    ...createSocialLoaders(db, viewerId),
    ...createRunLoaders(db, viewerId),
    ...createShoeLoaders(db, viewerId),
    ...createGroupLoaders(db, viewerId),
    ...createNotificationLoaders(db, viewerId),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
