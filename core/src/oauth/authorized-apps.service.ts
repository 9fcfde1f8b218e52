import { notFound, parseId } from '@maratron/domain';
import { AuthorizedApp } from '@maratron/schema';
import { requireSession } from '../context';
import type { RequestContext } from '../context';
import { hydrate } from '../database/rows';
import { publishAfterCommit } from '../events';
import type { EventBus } from '../events';
import { AUTHORIZED_APP_COLUMNS } from './authorized-apps.sql';

/**
 * What a runner approved for OAuth apps (the grants the gateway's authorization server issues
 * tokens under, gateway/src/oauth): listed and revoked from a signed-in session only. Revoking
 * deletes the grant and with it every code, access and refresh token of it (cascade): the
 * request's opening round trip no longer finds the access tokens, so they are refused at once
 * everywhere, and their live connections close (`access-token.revoked`).
 */
export class AuthorizedAppsService {
  constructor(private readonly events: EventBus) {}

  /** The viewer's authorized apps, newest first. */
  async list(ctx: RequestContext): Promise<AuthorizedApp[]> {
    const { viewerId } = requireSession(ctx);
    const rows = await ctx.db.query<AuthorizedApp>(
      `SELECT ${AUTHORIZED_APP_COLUMNS}, c.name
         FROM oauth_grants g JOIN oauth_clients c ON c.client_id = g.client_id
        WHERE g.user_id = $1 ORDER BY g.created_at DESC, g.id DESC`,
      [viewerId],
    );
    return hydrate(AuthorizedApp, rows);
  }

  /** Ends one of the viewer's authorizations; anyone else's id is NOT_FOUND. */
  async revoke(ctx: RequestContext, idInput: string): Promise<string> {
    const { viewerId } = requireSession(ctx);
    const id = parseId(idInput);
    const tokens = await ctx.db.query<{ id: string }>(`SELECT id FROM oauth_tokens WHERE grant_id = $1 AND kind = 'access'`, [id]);
    const deleted = await ctx.db.execute(`DELETE FROM oauth_grants WHERE id = $1 AND user_id = $2`, [id, viewerId]);
    if (!deleted) throw notFound('Authorized app');
    publishAfterCommit(ctx.db, this.events, 'access-token.revoked', { userId: viewerId, accessTokenIds: tokens.map((t) => t.id) });
    return id;
  }
}
