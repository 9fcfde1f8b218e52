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

/** client/dist beside the gateway (same path from gateway/src under ts-jest and gateway/dist). */
export const defaultClientDir = () => path.resolve(__dirname, '..', '..', '..', 'client', 'dist');

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
  const pageHeaders = (res: express.Response) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
  };
  app.use('/assets', express.static(path.join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }));
  app.use(express.static(dir, { index: false, maxAge: '1h', setHeaders: (res, file) => file.endsWith('.html') && pageHeaders(res) }));
  app.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATHS.test(req.path)) return next();
    pageHeaders(res);
    res.sendFile(index);
  });
  return true;
}
