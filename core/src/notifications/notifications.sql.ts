import type { Notification } from '@maratron/schema';
import { select } from '../database/columns';
import type { ColumnMap } from '../database/columns';

/** Columns of `notifications` as Notification properties. */
export const NOTIFICATION_FIELDS: ColumnMap<Notification> = {
  table: 'notifications',
  fields: {
    id: 'id',
    userId: 'user_id',
    actorId: 'actor_id',
    kind: 'kind',
    postId: 'post_id',
    groupId: 'group_id',
    readAt: 'read_at',
    createdAt: 'created_at',
  },
  unmapped: {
    follow_request_id:
      'the pending request a FOLLOW_REQUESTED notification is about: written by notify, it goes with the request (ON DELETE CASCADE)',
  },
};
export const NOTIFICATION_COLUMNS = select('n', NOTIFICATION_FIELDS);
