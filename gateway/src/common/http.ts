import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { DataSource } from 'typeorm';
import { DomainError } from '@maratron/schema';
import type { DomainErrorCode } from '@maratron/schema';
import { TokenService } from '../auth/tokens';
import { createRequestContext } from '../context';
import type { RequestContext } from '../context';
import type { Logger } from '../logger';

/** What the plain HTTP routes under /api need: the same database and tokens as GraphQL. */
export interface HttpRouteDeps {
  dataSource: DataSource;
  tokens: TokenService;
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
};

/**
 * A plain HTTP route that runs as a GraphQL request does: the bearer token checked by the same
 * TokenService, one RequestContext (one transaction, fresh loaders) for the request, services doing
 * the authorization. Errors answer `{ error: { code, message, field? } }` with the matching status;
 * anything unexpected is a 500 without details (they go to the log).
 */
export function authenticatedRoute(deps: HttpRouteDeps, handler: (ctx: RequestContext, req: Request) => Promise<HttpReply>): RequestHandler {
  return async (req, res) => {
    const token = TokenService.fromHeader(req.headers.authorization);
    const viewerId = token ? deps.tokens.verify(token) : null;
    if (!viewerId) {
      res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: { code: 'UNAUTHENTICATED', message: token ? 'Invalid or expired token' : 'Sign in first' } });
      return;
    }
    const ctx = createRequestContext(deps.dataSource, String(req.headers['x-request-id'] ?? randomUUID()), viewerId, req.ip ?? 'unknown');
    let reply: HttpReply;
    try {
      reply = await handler(ctx, req);
      await ctx.db.close(true);
    } catch (error) {
      await ctx.db.close(false).catch((closeError) => deps.logger.error({ err: closeError }, 'rollback failed'));
      if (error instanceof DomainError) {
        if (error.retryAfterSeconds) res.set('Retry-After', String(error.retryAfterSeconds));
        res.status(STATUS[error.code]).json({ error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } });
      } else {
        deps.logger.error({ err: error, requestId: ctx.requestId }, 'unexpected error');
        res.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' } });
      }
      return;
    }
    res.type(reply.contentType);
    if (reply.fileName) res.attachment(reply.fileName);
    res.send(reply.body);
  };
}
