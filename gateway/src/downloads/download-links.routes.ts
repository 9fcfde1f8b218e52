import express, { Router } from 'express';
import { assertScope, scopeOf } from '@maratron/core';
import { authenticateRoute, sendScopeRefusal } from '../common/http';
import type { HttpRouteDeps } from '../common/http';

/** The GET routes a link can be made for: the big files a browser should save straight to disk. */
const DOWNLOADS = [
  { path: /^\/api\/export$/, route: 'GET /export' },
  { path: /^\/api\/runs\/[^/?#]+\.gpx$/, route: 'GET /runs/:id.gpx' },
] as const;

/**
 * POST /api/download-links `{ "path": "/api/export" }` → `{ url, expiresAt }`: a link that works
 * for DOWNLOAD_LINK_TTL_SECONDS as the caller, on that one path. A browser cannot send the
 * Authorization header on a plain navigation, and fetching with it means holding the whole file in
 * memory before saving it; with the link, the browser streams the file to disk itself. The link
 * carries the caller's session or access token (checked again when the download starts, so signing
 * out or revoking ends it) and scopes (a link is refused for a download they do not cover).
 */
export function downloadLinksRouter(deps: HttpRouteDeps, ttlSeconds: number): Router {
  const router = Router();
  router.post('/download-links', express.json({ limit: '4kb' }), async (req, res) => {
    const credential = await authenticateRoute(deps, req, res);
    if (!credential) return;
    const path: unknown = (req.body as { path?: unknown } | undefined)?.path;
    const download = typeof path === 'string' ? DOWNLOADS.find((d) => d.path.test(path)) : undefined;
    if (typeof path !== 'string' || !download) {
      res.status(400).json({
        error: { code: 'BAD_USER_INPUT', field: 'path', message: 'path must name a download: /api/export or /api/runs/<id>.gpx' },
      });
      return;
    }
    try {
      assertScope(credential.scopes, scopeOf('Route', download.route));
    } catch (error) {
      sendScopeRefusal(res, error);
      return;
    }
    const token = deps.authenticator.downloadLink(credential, path, ttlSeconds);
    res
      .set('Cache-Control', 'no-store')
      .json({ url: `${path}?download=${encodeURIComponent(token)}`, expiresAt: new Date(Date.now() + ttlSeconds * 1000).toISOString() });
  });
  return router;
}
