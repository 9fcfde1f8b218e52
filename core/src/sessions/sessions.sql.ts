import type { Session } from '@maratron/schema';
import { select } from '../database/columns';
import type { ColumnMap } from '../database/columns';

/** Columns of `sessions` as Session properties. */
export const SESSION_FIELDS: ColumnMap<Session> = {
  table: 'sessions',
  fields: {
    id: 'id',
    device: 'device',
    createdAt: 'created_at',
    lastUsedAt: 'last_used_at',
  },
  unmapped: {
    user_id: 'the owner: always the viewer (row-level security shows no one else their rows)',
    expires_at: 'when its last token expires: a filter (sessions lists only live ones), never shown',
  },
};
export const SESSION_COLUMNS = select('s', SESSION_FIELDS);

/** A runner's two-step sign-in as stored: the TOTP secret (encrypted) and the last time step accepted. */
export interface TwoFactorCredential {
  userId: string;
  /** AES-256-GCM ciphertext (see two-factor.service.ts), never the secret itself. */
  secret: string;
  /** Null while set up but not yet confirmed with a code. */
  enabledAt: Date | null;
  /** The last TOTP time step accepted: a code of that step or an earlier one is a replay. */
  lastStep: string | null;
}

export const TWO_FACTOR_FIELDS: ColumnMap<TwoFactorCredential> = {
  table: 'two_factor_credentials',
  fields: { userId: 'user_id', secret: 'secret', enabledAt: 'enabled_at', lastStep: 'last_step' },
  unmapped: { created_at: 'bookkeeping, never read' },
};
export const TWO_FACTOR_COLUMNS = select('c', TWO_FACTOR_FIELDS);
