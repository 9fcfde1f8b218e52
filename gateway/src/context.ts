import type { DataSource } from 'typeorm';
import { unauthenticated } from '@maratron/schema';
import { RequestDb } from './database/request-db';
import { createLoaders } from './loaders';
import type { Loaders } from './loaders';

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
}

/** A fresh context; `db` is given when several contexts share one transaction (one live event's subscribers). */
export function createRequestContext(dataSource: DataSource, requestId: string, viewerId: string | null, address: string, db = new RequestDb(dataSource)): RequestContext {
  return { requestId, viewerId, address, db, loaders: createLoaders(db, viewerId) };
}

/** The signed-in viewer's id, or UNAUTHENTICATED. */
export function requireViewer(ctx: RequestContext): string {
  if (!ctx.viewerId) throw unauthenticated();
  return ctx.viewerId;
}

/** After sign-up or sign-in the rest of the request (the AuthPayload's fields) sees it as that runner. */
export function actAs(ctx: RequestContext, userId: string): void {
  ctx.viewerId = userId;
  ctx.loaders = createLoaders(ctx.db, userId);
}
