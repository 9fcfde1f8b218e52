import { Router } from 'express';
import { authenticatedDownload } from '../common/http';
import type { HttpRouteDeps } from '../common/http';
import type { ExportService } from '@maratron/core';

/** GET /api/export — everything the viewer owns as a zip (see ExportService), prepared on disk and then sent. */
export function exportRouter(deps: HttpRouteDeps, exports: ExportService): Router {
  const router = Router();
  router.get(
    '/export',
    authenticatedDownload(deps, async (ctx) => {
      const { fileName, write, finished } = await exports.exportAccount(ctx);
      return { contentType: 'application/zip', fileName, write, finished };
    }),
  );
  return router;
}
