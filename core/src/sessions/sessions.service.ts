import type { DataSource } from 'typeorm';
import { notFound, parseId } from '@maratron/domain';
import { Session } from '@maratron/schema';
import type { TokenService } from '../auth/tokens';
import { actAs, requireSession } from '../context';
import type { RequestContext } from '../context';
import { SESSION_TOUCH_SECONDS } from '../database/request-db';
import { hydrate } from '../database/rows';
import { publishAfterCommit } from '../events';
import type { EventBus } from '../events';
import { deviceLabel } from './device';
import { SESSION_COLUMNS } from './sessions.sql';

/**
 * Sessions: every bearer token belongs to one (its `sid` claim), started by signUp, signIn or
 * resetPassword with a device label from the User-Agent. A request whose token's session is gone
 * is UNAUTHENTICATED (RequestDb checks it when the request's transaction opens), so ending a
 * session refuses its tokens on every path at once; the `session.ended` event closes its open
 * WebSocket connections (gateway/src/subscriptions/ws-server.ts).
 */
export class SessionsService {
  constructor(
    private readonly tokens: TokenService,
    private readonly events: EventBus,
  ) {}

  /**
   * Starts a session for `userId` on the request's device; the rest of the request acts as that
   * runner in it. Their sessions whose tokens have all expired are cleared on the way. The token.
   */
  async start(ctx: RequestContext, userId: string): Promise<string> {
    await actAs(ctx, userId, null);
    await ctx.db.execute(`DELETE FROM sessions WHERE user_id = $1 AND expires_at <= now()`, [userId]);
    const [row] = await ctx.db.query<{ id: string }>(
      `INSERT INTO sessions (user_id, device, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3)) RETURNING id`,
      [userId, deviceLabel(ctx.userAgent), this.tokens.ttlSeconds],
    );
    await actAs(ctx, userId, row.id);
    return this.tokens.issue(userId, row.id);
  }

  /** A fresh token for the request's own session (after a password change), which lives as long as it. */
  async renew(ctx: RequestContext): Promise<string> {
    const { viewerId, sessionId } = requireSession(ctx);
    await ctx.db.execute(`UPDATE sessions SET expires_at = now() + make_interval(secs => $3) WHERE id = $1 AND user_id = $2`, [
      sessionId,
      viewerId,
      this.tokens.ttlSeconds,
    ]);
    return this.tokens.issue(viewerId, sessionId);
  }

  /** The viewer's live sessions, newest first. */
  async list(ctx: RequestContext): Promise<Session[]> {
    const { viewerId } = requireSession(ctx);
    const rows = await ctx.db.query<Session>(
      `SELECT ${SESSION_COLUMNS} FROM sessions s WHERE s.user_id = $1 AND s.expires_at > now() ORDER BY s.created_at DESC, s.id DESC`,
      [viewerId],
    );
    return hydrate(Session, rows);
  }

  /** signOut: ends the session of the token making the request. */
  async signOut(ctx: RequestContext): Promise<boolean> {
    const { viewerId, sessionId } = requireSession(ctx);
    await this.end(ctx, viewerId, `id = $2`, [sessionId]);
    return true;
  }

  /** revokeSession: ends one of the viewer's sessions (this one too); anyone else's id is NOT_FOUND. */
  async revoke(ctx: RequestContext, idInput: string): Promise<string> {
    const { viewerId } = requireSession(ctx);
    const id = parseId(idInput);
    const ended = await this.end(ctx, viewerId, `id = $2`, [id]);
    if (!ended.length) throw notFound('Session');
    return id;
  }

  /** Ends every session of `userId` but `keep` (a password change keeps the one it came from). */
  endOthers(ctx: RequestContext, userId: string, keep: string): Promise<string[]> {
    return this.end(ctx, userId, `id <> $2`, [keep]);
  }

  /** Ends every session of `userId` (a password reset). */
  endAll(ctx: RequestContext, userId: string): Promise<string[]> {
    return this.end(ctx, userId, `true`, []);
  }

  /** Deletes `userId`'s sessions that match `where`; once that commits, their sockets close. */
  private async end(ctx: RequestContext, userId: string, where: string, params: unknown[]): Promise<string[]> {
    const rows = await ctx.db.query<{ id: string }>(`DELETE FROM sessions WHERE user_id = $1 AND ${where} RETURNING id`, [
      userId,
      ...params,
    ]);
    const sessionIds = rows.map((r) => r.id);
    if (sessionIds.length) publishAfterCommit(ctx.db, this.events, 'session.ended', { userId, sessionIds });
    return sessionIds;
  }
}

/**
 * Whether `userId`'s session `sessionId` still exists, outside any request (a WebSocket's
 * connection_init), as the server: marks it used as RequestDb does, at most once a minute.
 */
export async function isSessionLive(dataSource: DataSource, userId: string, sessionId: string): Promise<boolean> {
  const rows = await dataSource.query<{ live: boolean }[]>(
    `WITH touched AS (UPDATE sessions SET last_used_at = now() WHERE id IN (SELECT id FROM sessions WHERE id = $1 AND user_id = $2
        AND (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $3)) FOR UPDATE SKIP LOCKED) RETURNING 1)
     SELECT EXISTS (SELECT 1 FROM sessions WHERE id = $1 AND user_id = $2) AS live`,
    [sessionId, userId, SESSION_TOUCH_SECONDS],
  );
  return rows[0].live;
}
