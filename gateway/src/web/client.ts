import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import type { Express } from 'express';
import type { Logger } from '@maratron/core';

/** Paths the API owns: an unknown one there is a 404, never the web client's page. */
const API_PATHS = /^\/(graphql|api|healthz|readyz|metrics)(\/|$)/;

/**
 * The browser may load and connect to this origin only: no CDN, no fonts, no map tiles — a
 * request leaving the machine is blocked even if a bug tried one. Inline styles stay allowed
 * for the chart library's computed positions.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The explorer's page: the same, but GraphiQL's stylesheet carries its fonts inline as data: URIs (from the bundle, not the network). */
const EXPLORER_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("font-src 'self'", "font-src 'self' data:");

/** client/dist beside the gateway (same path from gateway/src under ts-jest and gateway/dist). */
export const defaultClientDir = () => path.resolve(__dirname, '..', '..', '..', 'client', 'dist');

/**
 * GET /graphql from a browser (Accept: text/html, no `query` parameter) opens the API explorer:
 * GraphiQL, built with the web client (client/graphiql.html, its scripts under /assets), so it
 * loads nothing from outside this origin, under the client's Content-Security-Policy. It calls the
 * API with the token of the runner signed in to the web client. Everything else on /graphql goes
 * on to Apollo. Without a client build it says how to make one.
 */
export function serveExplorer(app: Express, dir = defaultClientDir()): void {
  const page = path.join(dir, 'graphiql.html');
  app.get('/graphql', (req, res, next) => {
    if (
      req.query.query !== undefined ||
      req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) !== 'text/html'
    ) {
      return next();
    }
    pageHeaders(res, EXPLORER_CONTENT_SECURITY_POLICY);
    if (!fs.existsSync(page)) {
      res
        .status(404)
        .type('text/plain')
        .send('The API explorer is not built: run `npm run build` (it builds the web client and the explorer).');
      return;
    }
    res.sendFile(page);
  });
}

/** Headers of an HTML page of ours: never cached, same-origin only. */
function pageHeaders(res: express.Response, csp = CONTENT_SECURITY_POLICY): void {
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('Content-Security-Policy', csp);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
}

/**
 * Serves the built web client on the gateway's origin: hashed assets cached for good, other
 * files briefly, and index.html (never cached) for every other GET that is not an API path,
 * so client-side routes (/runs/…, /u/…) survive a reload. Without a build the gateway still
 * serves the API and says how to build the client.
 */
export function serveClient(app: Express, logger: Logger, dir = defaultClientDir()): boolean {
  const index = path.join(dir, 'index.html');
  if (!fs.existsSync(index)) {
    logger.warn({ dir }, 'no web client build found: serving the API only (run `npm run build`)');
    return false;
  }
  app.use('/assets', express.static(path.join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }));
  app.use(
    express.static(dir, {
      index: false,
      maxAge: '1h',
      setHeaders: (res, file) =>
        file.endsWith('.html') && pageHeaders(res, file.endsWith('graphiql.html') ? EXPLORER_CONTENT_SECURITY_POLICY : undefined),
    }),
  );
  app.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATHS.test(req.path)) return next();
    pageHeaders(res);
    res.sendFile(index);
  });
  return true;
}
