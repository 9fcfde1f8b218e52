import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logger';
import type { Metrics } from './metrics';

/** What one HTTP request did, filled in as it goes and logged as ONE line when it ends. */
export interface RequestInfo {
  requestId: string;
  viewerId?: string | null;
  operation?: string;
  operationType?: string;
  errorCodes?: string[];
}

declare module 'express-serve-static-core' {
  interface Request {
    info: RequestInfo;
  }
}

const ROUTES: [RegExp, string][] = [
  [/^\/graphql/, '/graphql'],
  [/^\/api\/runs\/[^/]+\.gpx$/, '/api/runs/:id.gpx'],
  [/^\/api\//, '/api'],
  [/^\/(healthz|readyz|metrics)$/, ''],
];

function routeOf(path: string): string {
  for (const [pattern, name] of ROUTES) if (pattern.test(path)) return name || path;
  return 'static';
}

/**
 * Gives each request an id (kept from `x-request-id` when a proxy set one, and echoed back),
 * and when it finishes logs one JSON line — id, viewer, GraphQL operation, status, duration —
 * and records its HTTP metrics. Never the Authorization header, a token or a body.
 */
export function requestLog(logger: Logger, metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const header = req.headers['x-request-id'];
    const requestId = typeof header === 'string' && /^[\w.-]{1,100}$/.test(header) ? header : randomUUID();
    req.info = { requestId };
    res.setHeader('x-request-id', requestId);
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(req.originalUrl.split('?')[0]);
      metrics.httpRequests.inc({ route, method: req.method, status: String(res.statusCode) });
      metrics.httpDuration.observe({ route, method: req.method }, seconds);
      if (route === '/healthz' || route === '/readyz' || route === '/metrics') return;
      logger.info(
        {
          requestId,
          viewerId: req.info.viewerId ?? null,
          operation: req.info.operation,
          operationType: req.info.operationType,
          errors: req.info.errorCodes?.length ? req.info.errorCodes : undefined,
          method: req.method,
          path: route,
          status: res.statusCode,
          durationMs: Math.round(seconds * 10000) / 10,
        },
        'request',
      );
    });
    next();
  };
}
