import type { DataSource } from 'typeorm';
import { unauthenticated } from '@maratron/domain';
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
  /** Client address, for per-address limits. */
  address: string;
  db: RequestDb;
  loaders: Loaders;
  /** The HTTP request's log record, when there is one (not for subscription events). */
  info?: RequestInfo;
}

/**
 * A fresh context. `db` is given when several contexts share one transaction; `info` is the
 * HTTP request's log record.
 */
export function createRequestContext(
  dataSource: DataSource,
  requestId: string,
  viewerId: string | null,
  address: string,
  { db = new RequestDb(dataSource, viewerId), info }: { db?: RequestDb; info?: RequestInfo } = {},
): RequestContext {
  return { requestId, viewerId, address, db, loaders: createLoaders(db, viewerId), info };
}

/** The signed-in viewer's id, or UNAUTHENTICATED. */
export function requireViewer(ctx: RequestContext): string {
  if (!ctx.viewerId) throw unauthenticated();
  return ctx.viewerId;
}

/** After sign-up or sign-in the rest of the request (the AuthPayload's fields) sees it as that runner. */
export async function actAs(ctx: RequestContext, userId: string): Promise<void> {
  await ctx.db.actAs(userId);
  ctx.viewerId = userId;
  if (ctx.info) ctx.info.viewerId = userId;
  ctx.loaders = createLoaders(ctx.db, userId);
}
