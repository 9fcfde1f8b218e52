import type { FollowRequest } from '@maratron/schema';
import { select } from '../database/columns';
import type { ColumnMap } from '../database/columns';

/** Columns of `follow_requests` as FollowRequest properties. */
export const FOLLOW_REQUEST_FIELDS: ColumnMap<FollowRequest> = {
  table: 'follow_requests',
  fields: { id: 'id', followerId: 'follower_id', followeeId: 'followee_id', createdAt: 'created_at' },
};
export const FOLLOW_REQUEST_COLUMNS = select('r', FOLLOW_REQUEST_FIELDS);
