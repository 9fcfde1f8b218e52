import type { DataSource } from 'typeorm';
import { unauthenticated } from '@maratron/domain';
import type { TokenScope } from '@maratron/domain';
import { RequestDb } from './database/request-db';
import { createLoaders } from './loaders';
import type { Loaders } from './loaders';
import type { RequestInfo } from './observability/request-log';

/**
 * What every resolver and service gets for one request (or one subscription event): who is
 * asking, the request's database transaction, and DataLoaders built fresh for it.
 */
export interface RequestContext {
  requestId: string;
  viewerId: string | null;
  /**
   * The session of the token the request came with (its `sid`): `sessions` marks it `current`,
   * `signOut` ends it. Null without a token, and for internal work (import jobs, live events).
   */
  sessionId: string | null;
  /**
   * The personal access token the request came with, when it came with one instead of a session
   * (checked when the transaction opens, like a session).
   */
  accessTokenId?: string | null;
  /** What the request's credential may do: null for a session (everything), a token's scopes otherwise. */
  scopes?: readonly TokenScope[] | null;
  /** Client address, for per-address limits. */
  address: string;
  /** The client's User-Agent header, when there is one: the device label of a session it starts. */
  userAgent?: string;
  db: RequestDb;
  loaders: Loaders;
  /** The HTTP request's log record, when there is one (not for subscription events). */
  info?: RequestInfo;
}

/**
 * A fresh context. `db` is given when several contexts share one transaction; `info` is the
 * HTTP request's log record; `sessionId` the token's session (checked when the transaction opens).
 */
export function createRequestContext(
  dataSource: DataSource,
  requestId: string,
  viewerId: string | null,
  address: string,
  {
    sessionId = null,
    accessTokenId = null,
    scopes = null,
    db = new RequestDb(dataSource, viewerId, { sessionId, accessTokenId }),
    info,
    userAgent,
  }: {
    sessionId?: string | null;
    accessTokenId?: string | null;
    scopes?: readonly TokenScope[] | null;
    db?: RequestDb;
    info?: RequestInfo;
    userAgent?: string;
  } = {},
): RequestContext {
  return { requestId, viewerId, sessionId, accessTokenId, scopes, address, userAgent, db, loaders: createLoaders(db, viewerId), info };
}

/** The signed-in viewer's id, or UNAUTHENTICATED. */
export function requireViewer(ctx: RequestContext): string {
  if (!ctx.viewerId) throw unauthenticated();
  return ctx.viewerId;
}

/** The session of the request's token, or UNAUTHENTICATED (account operations need one). */
export function requireSession(ctx: RequestContext): { viewerId: string; sessionId: string } {
  const viewerId = requireViewer(ctx);
  if (!ctx.sessionId) throw unauthenticated('Sign in first: this needs a signed-in session');
  return { viewerId, sessionId: ctx.sessionId };
}

/**
 * After sign-up or sign-in the rest of the request (the AuthPayload's fields) sees it as that
 * runner, in the session just started.
 */
export async function actAs(ctx: RequestContext, userId: string | null, sessionId: string | null = ctx.sessionId): Promise<void> {
  await ctx.db.actAs(userId);
  ctx.viewerId = userId;
  ctx.sessionId = sessionId;
  if (ctx.info) ctx.info.viewerId = userId;
  ctx.loaders = createLoaders(ctx.db, userId);
}
