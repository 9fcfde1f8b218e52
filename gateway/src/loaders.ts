import type { RequestDb } from './database/request-db';
import { createRunLoaders } from './runs/runs.loaders';
import { createShoeLoaders } from './shoes/shoes.loaders';
import { createSocialLoaders } from './social/social.loaders';
import { createTrainingLoaders } from './training/training.loaders';
import { createUserLoaders } from './users/users.loaders';

/** Every DataLoader, built fresh per request (and per subscription event) so none serves stale rows. */
export function createLoaders(db: RequestDb, viewerId: string | null) {
  return {
    ...createUserLoaders(db),
    ...createSocialLoaders(db, viewerId),
    ...createRunLoaders(db, viewerId),
    ...createShoeLoaders(db, viewerId),
    ...createTrainingLoaders(db, viewerId),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
