import type { PersonalAccessToken } from '@maratron/schema';
import { select } from '../database/columns';
import type { ColumnMap } from '../database/columns';

/** Columns of `personal_access_tokens` as PersonalAccessToken properties. */
export const ACCESS_TOKEN_FIELDS: ColumnMap<PersonalAccessToken> = {
  table: 'personal_access_tokens',
  fields: {
    id: 'id',
    name: 'name',
    scopes: 'scopes',
    createdAt: 'created_at',
    lastUsedAt: 'last_used_at',
    expiresAt: 'expires_at',
  },
  unmapped: {
    user_id: 'the owner: always the viewer (row-level security shows no one else their rows)',
    token_hash: 'the SHA-256 of the secret, only ever compared (maratron_personal_access_token), never read back',
  },
};
export const ACCESS_TOKEN_COLUMNS = select('t', ACCESS_TOKEN_FIELDS);
