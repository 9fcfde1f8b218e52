import { Router } from 'express';
import { authenticatedRoute } from '../common/http';
import type { HttpRouteDeps } from '../common/http';
import type { RunsService } from '@maratron/core';

/** Runs over plain HTTP, mounted under /api: what GraphQL is bad at (files). */
export function runsRouter(deps: HttpRouteDeps, runs: RunsService): Router {
  const router = Router();

  /** GET /api/runs/:id.gpx — a run the viewer may see as GPX 1.1 (a hidden or missing one is 404). */
  router.get(
    '/runs/:id.gpx',
    authenticatedRoute(deps, async (ctx, req) => {
      const { fileName, gpx } = await runs.exportGpx(ctx, String(req.params.id));
      return { body: gpx, contentType: 'application/gpx+xml; charset=utf-8', fileName };
    }),
  );

  return router;
}
