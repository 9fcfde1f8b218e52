import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { Readable } from 'node:stream';
import Busboy from 'busboy';
import contentDisposition from 'content-disposition';
import { Router } from 'express';
import type { Request } from 'express';
import { DomainError } from '@maratron/domain';
import { createRequestContext } from '@maratron/core';
import { authenticateRoute, credentialOptions } from '../common/http';
import type { HttpRouteDeps } from '../common/http';
import type { ImportConfig, ImportsService } from '@maratron/core';
import { ArchiveRefused, indexArchive, openZip } from './archive';
import type { ImportQueue } from './import-queue';

/**
 * POST /api/imports — a zip of activity files (a Strava or Garmin export, a Maratron export, any
 * zip of GPX/TCX/FIT[.gz]) as the raw body or as the one file part of a multipart form. It is
 * streamed to a file under IMPORT_DIR, its directory checked (names, entry count, declared sizes,
 * compression ratios: refused here with 400/413 and `{ error: { code, message } }`), stored as a
 * QUEUED ImportJob and answered 202 `{ id }`; a worker processes it in the background.
 */
export function importsRouter(deps: HttpRouteDeps, imports: ImportsService, queue: ImportQueue, config: ImportConfig): Router {
  const router = Router();
  router.post('/imports', async (req, res) => {
    const credential = await authenticateRoute(deps, req, res);
    if (!credential) return;
    const viewerId = credential.userId;
    fs.mkdirSync(config.dir, { recursive: true });
    const archivePath = path.join(config.dir, `${randomUUID()}.zip`);
    const requestId = String(req.headers['x-request-id'] ?? randomUUID());
    try {
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > config.maxUploadBytes) throw new ArchiveRefused(413, `the upload is larger than ${config.maxUploadBytes} bytes`);
      // A runner at their limit of waiting imports is told before the upload is received (a short
      // transaction of its own: none is held open while the body streams in).
      const check = createRequestContext(deps.dataSource, requestId, viewerId, req.ip ?? 'unknown', credentialOptions(credential));
      try {
        await imports.assertRoomForAnother(check, config.maxQueuedPerUser);
      } finally {
        await check.db.close(false);
      }
      const fileName = await receive(req, archivePath, config.maxUploadBytes);
      const zip = await openZip(archivePath);
      let total: number;
      try {
        const index = await indexArchive(zip, config);
        total = index.activities.length;
      } finally {
        zip.close();
      }
      const ctx = createRequestContext(deps.dataSource, requestId, viewerId, req.ip ?? 'unknown', credentialOptions(credential));
      let id: string;
      try {
        const job = await imports.create(ctx, { fileName, archivePath, total }, config.maxQueuedPerUser);
        id = job.id;
        ctx.db.afterCommit(() =>
          queue
            .enqueue(job.id, viewerId)
            .catch((err) => deps.logger.warn({ err, jobId: job.id }, 'enqueue failed; recovery will queue it')),
        );
        await ctx.db.close(true);
      } catch (error) {
        await ctx.db.close(false).catch(() => undefined);
        throw error;
      }
      res.status(202).json({ id });
    } catch (error) {
      await fs.promises.rm(archivePath, { force: true });
      if (error instanceof ArchiveRefused) {
        res
          .status(error.status)
          .json({ error: { code: error.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_USER_INPUT', message: error.message } });
      } else if (error instanceof DomainError) {
        const status = error.code === 'UNAUTHENTICATED' ? 401 : error.code === 'RATE_LIMITED' ? 429 : 400;
        res.status(status).json({ error: { code: error.code, message: error.message } });
      } else {
        deps.logger.error({ err: error }, 'import upload failed');
        if (!res.headersSent) res.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' } });
      }
    }
  });
  return router;
}

/** Writes the upload (raw body, or the one file part of multipart/form-data) to `file`; the file name when one is given. */
async function receive(req: Request, file: string, maxBytes: number): Promise<string | null> {
  const limit = () => {
    let bytes = 0;
    return new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        if (bytes > maxBytes) done(new ArchiveRefused(413, `the upload is larger than ${maxBytes} bytes`));
        else done(null, chunk);
      },
    });
  };
  if (!req.is('multipart/form-data')) {
    await pipeline(req, limit(), fs.createWriteStream(file));
    return uploadedFileName(req);
  }
  return new Promise((resolve, reject) => {
    let found = false;
    let written: Promise<void> | null = null;
    let name: string | null = null;
    const form = Busboy({ headers: req.headers, limits: { files: 1, fileSize: maxBytes } });
    form.on('file', (_field: string, stream: Readable, info: { filename: string }) => {
      found = true;
      name = info.filename ? path.basename(info.filename) : null;
      stream.on('limit', () => stream.destroy(new ArchiveRefused(413, `the upload is larger than ${maxBytes} bytes`)));
      written = pipeline(stream, fs.createWriteStream(file));
      written.catch(reject);
    });
    form.on('filesLimit', () => reject(new ArchiveRefused(400, 'send one archive per upload')));
    form.on('error', (error: Error) => reject(new ArchiveRefused(400, `the multipart body cannot be read (${error.message})`)));
    form.on('close', () => {
      if (!found) return reject(new ArchiveRefused(400, 'the multipart body has no file part'));
      written!.then(() => resolve(name), reject);
    });
    req.pipe(form);
  });
}

/**
 * The name a raw-body upload gives its file: `Content-Disposition: attachment; filename…` (RFC 6266,
 * what the web client sends, `filename*` for names beyond ASCII), else the older `X-File-Name`;
 * only its last path segment is kept. A header that does not parse names nothing.
 */
function uploadedFileName(req: Request): string | null {
  const disposition = req.headers['content-disposition'];
  if (disposition) {
    try {
      const { filename } = contentDisposition.parse(disposition).parameters;
      if (filename) return path.basename(filename);
    } catch {
      // not a valid Content-Disposition: fall through to X-File-Name
    }
  }
  const name = req.headers['x-file-name'];
  return typeof name === 'string' && name ? path.basename(name) : null;
}
