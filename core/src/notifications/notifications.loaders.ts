import DataLoader from 'dataloader';
import { Notification } from '@maratron/schema';
import type { RequestDb } from '../database/request-db';
import { byKey, hydrate } from '../database/rows';
import { NOTIFICATION_COLUMNS } from './notifications.sql';

export function createNotificationLoaders(db: RequestDb, viewerId: string | null) {
  return {
    /** The viewer's own notifications by id; null for anyone else's. */
    ownNotificationById: new DataLoader<string, Notification | null>(async (ids) => {
      if (!viewerId) return ids.map(() => null);
      const rows = await db.query<Notification>(
        `SELECT ${NOTIFICATION_COLUMNS} FROM notifications n WHERE n.id = ANY($2::uuid[]) AND n.user_id = $1`,
        [viewerId, ids],
      );
      return byKey(ids, hydrate(Notification, rows), (n) => n.id);
    }),
  };
}
