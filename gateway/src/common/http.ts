import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request, RequestHandler, Response } from 'express';
import type { DataSource } from 'typeorm';
import { DomainError } from '@maratron/domain';
import type { DomainErrorCode } from '@maratron/domain';
import { createRequestContext, asServiceUnavailable, assertScope, scopeOf } from '@maratron/core';
import type { Authenticator, Credential, RequestContext, Logger } from '@maratron/core';
import { spoolToFile } from './spool';
import type { SpooledFile } from './spool';

/** What the plain HTTP routes under /api need: the same database and tokens as GraphQL. */
export interface HttpRouteDeps {
  dataSource: DataSource;
  /** Bearer tokens: sessions' and personal access tokens. */
  authenticator: Authenticator;
  logger: Logger;
}

/** A route's answer; sent only after the request's transaction has committed. */
export interface HttpReply {
  body: string | Buffer;
  contentType: string;
  /** Offered to the browser as a download under this name. */
  fileName?: string;
}

/** The HTTP status of each domain error (GraphQL carries the code in extensions instead). */
const STATUS: Record<DomainErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
  COACH_UNAVAILABLE: 503,
  SERVICE_UNAVAILABLE: 503,
};

/**
 * A plain HTTP route that runs as a GraphQL request does: the bearer token checked by the same
 * TokenService, one RequestContext (one transaction, fresh loaders) for the request, services doing
 * the authorization. Errors answer `{ error: { code, message, field?, reason? } }` with the matching status;
 * anything unexpected is a 500 without details (they go to the log).
 */
export function authenticatedRoute(
  deps: HttpRouteDeps,
  handler: (ctx: RequestContext, req: Request) => Promise<HttpReply>,
): RequestHandler {
  return async (req, res) => {
    const ctx = await viewerContext(deps, req, res);
    if (!ctx) return;
    let reply: HttpReply;
    try {
      reply = await handler(ctx, req);
      await ctx.db.close(true);
    } catch (error) {
      await ctx.db.close(false).catch((closeError) => deps.logger.error({ err: closeError }, 'rollback failed'));
      sendError(deps, ctx, res, error);
      return;
    }
    res.type(reply.contentType);
    if (reply.fileName) res.attachment(reply.fileName);
    res.send(reply.body);
  };
}

/**
 * The bearer token's credential, allowed this route (its scope is declared in SCOPES.Route under
 * `METHOD path`; an undeclared route is session-only); null with the answer sent otherwise — 401
 * without a valid token, 403 `{ error: { code: 'FORBIDDEN', requiredScope } }` outside its scopes.
 * A revoked or expired access token is refused when the request's transaction opens.
 */
export async function authenticateRoute(deps: HttpRouteDeps, req: Request, res: Response): Promise<Credential | null> {
  let credential: Credential | null;
  try {
    // A download link (POST /api/download-links) stands in for the header on the one GET it names.
    const link = req.method === 'GET' && !req.headers.authorization ? req.query.download : undefined;
    credential =
      typeof link === 'string'
        ? deps.authenticator.fromDownloadLink(link, req.baseUrl + req.path)
        : await deps.authenticator.fromHeader(req.headers.authorization);
  } catch (error) {
    deps.logger.error({ err: error }, 'authentication failed');
    res
      .status(asServiceUnavailable(error) ? 503 : 500)
      .json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' } });
    return null;
  }
  if (!credential) {
    res
      .status(401)
      .set('WWW-Authenticate', 'Bearer')
      .json({
        error: {
          code: 'UNAUTHENTICATED',
          message: req.headers.authorization || req.query.download ? 'Invalid or expired token' : 'Sign in first',
        },
      });
    return null;
  }
  const route = `${req.method} ${(req.route as { path?: string } | undefined)?.path ?? req.path}`;
  try {
    assertScope(credential.scopes, scopeOf('Route', route));
  } catch (error) {
    sendScopeRefusal(res, error);
    return null;
  }
  req.info.viewerId = credential.userId;
  return credential;
}

/** assertScope's refusal as 403 `{ error: { code: 'FORBIDDEN', message, requiredScope } }`. */
export function sendScopeRefusal(res: Response, error: unknown): void {
  const { code, message, requiredScope } = (error as DomainError).toJSON();
  res.status(403).json({ error: { code, message, requiredScope } });
}

/** The context options a credential brings: its session or access token (checked when the transaction opens) and scopes. */
export function credentialOptions(credential: Credential) {
  return { sessionId: credential.sessionId, accessTokenId: credential.accessTokenId, scopes: credential.scopes };
}

/** The request's context as its bearer token's runner; null (and a 401 or 403 sent) otherwise. */
async function viewerContext(deps: HttpRouteDeps, req: Request, res: Response): Promise<RequestContext | null> {
  const credential = await authenticateRoute(deps, req, res);
  if (!credential) return null;
  // The session or token is checked when the transaction opens: an ended one answers 401 like a bad token.
  return createRequestContext(deps.dataSource, req.info.requestId, credential.userId, req.ip ?? 'unknown', {
    info: req.info,
    ...credentialOptions(credential),
  });
}

/**
 * A domain error as `{ error: { code, message, field?, reason? } }` with its status; the database unable
 * to serve as SERVICE_UNAVAILABLE (503, details to the log); anything else a bare 500 (details to
 * the log).
 */
function sendError(deps: HttpRouteDeps, ctx: RequestContext, res: Response, error: unknown): void {
  const unavailable = asServiceUnavailable(error);
  if (unavailable) {
    deps.logger.error({ err: error, requestId: ctx.requestId }, 'database unavailable');
    error = unavailable;
  }
  if (error instanceof DomainError) {
    if (error.retryAfterSeconds) res.set('Retry-After', String(error.retryAfterSeconds));
    res.status(STATUS[error.code]).json({ error: error.toJSON() });
  } else {
    deps.logger.error({ err: error, requestId: ctx.requestId }, 'unexpected error');
    res.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' } });
  }
}

/**
 * A download too big to hold in memory: its checks are done (the handler's errors answer as in
 * authenticatedRoute); `write` produces the body from the request's transaction.
 */
export interface HttpDownload {
  contentType: string;
  fileName: string;
  /** Writes the body to `out`; rejects when it can't finish (a query failed). */
  write(out: Writable): Promise<void>;
  /** Called once when the download has ended, sent or not (to release what the handler took). */
  finished?(): void;
}

/**
 * authenticatedRoute for bodies too big to hold in memory. The body is written to a temporary
 * file inside the request's transaction, the transaction ends (the connection goes back to the
 * pool), and only then is the file sent: a client that reads slowly, or not at all, holds a file
 * and a socket but never a database connection. The file is unlinked as soon as it is open, so
 * it is gone when the download ends however it ends, even if the process dies (common/spool.ts).
 *
 * A failure while the body is written answers like any route error (nothing has been sent yet).
 * A client that goes away mid-download only ends its own response.
 */
export function authenticatedDownload(
  deps: HttpRouteDeps,
  handler: (ctx: RequestContext, req: Request) => Promise<HttpDownload>,
): RequestHandler {
  return async (req, res) => {
    const ctx = await viewerContext(deps, req, res);
    if (!ctx) return;
    let download: HttpDownload | null = null;
    let body: SpooledFile | null = null;
    try {
      try {
        download = await handler(ctx, req);
        body = await spoolToFile(download.write);
        await ctx.db.close(true);
      } catch (error) {
        await body?.close();
        await ctx.db.close(false).catch((closeError) => deps.logger.error({ err: closeError }, 'rollback failed'));
        sendError(deps, ctx, res, error);
        return;
      }
      res.type(download.contentType);
      res.attachment(download.fileName);
      res.setHeader('content-length', String(body.size));
      try {
        await pipeline(body.read(), res);
      } catch (error) {
        // Most often the client went away before the end (ERR_STREAM_PREMATURE_CLOSE): pipeline has
        // ended both streams, and only this download stops.
        deps.logger.info(
          { requestId: ctx.requestId, reason: (error as NodeJS.ErrnoException).code ?? String(error) },
          'download ended before it was all sent',
        );
      }
    } finally {
      try {
        await body?.close();
      } finally {
        download?.finished?.();
      }
    }
  };
}
