import type { PrivacyZone } from '@maratron/schema';
import { select } from '../database/columns';
import type { ColumnMap } from '../database/columns';

/** Columns of `privacy_zones` as PrivacyZone properties. */
export const PRIVACY_ZONE_FIELDS: ColumnMap<PrivacyZone> = {
  table: 'privacy_zones',
  fields: {
    id: 'id',
    userId: 'user_id',
    name: 'name',
    latitude: 'latitude',
    longitude: 'longitude',
    radius: 'radius',
    createdAt: 'created_at',
  },
};
export const PRIVACY_ZONE_COLUMNS = select('z', PRIVACY_ZONE_FIELDS);
