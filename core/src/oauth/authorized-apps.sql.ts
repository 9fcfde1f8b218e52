import type { AuthorizedApp } from '@maratron/schema';
import { select } from '../database/columns';
import type { ColumnMap } from '../database/columns';

/** Columns of `oauth_grants` as AuthorizedApp properties (its `name` is the client's: `oauth_clients.name`). */
export const AUTHORIZED_APP_FIELDS: ColumnMap<Omit<AuthorizedApp, 'name'>> = {
  table: 'oauth_grants',
  fields: {
    id: 'id',
    clientId: 'client_id',
    scopes: 'scopes',
    authorizedAt: 'created_at',
    lastUsedAt: 'last_used_at',
  },
  unmapped: {
    user_id: 'the owner: always the viewer (row-level security shows no one else their rows)',
    resource: 'the resource its tokens are for (RFC 8707): read by the authorization server, not shown',
  },
};
export const AUTHORIZED_APP_COLUMNS = select('g', AUTHORIZED_APP_FIELDS);
