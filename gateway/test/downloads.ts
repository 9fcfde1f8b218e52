import fs from 'node:fs';
import http from 'node:http';
import type { ChildProcess } from 'node:child_process';
import { ANSWER_DEADLINE_MS } from './bounded-requests';
import type { TestGateway, TestUser } from './harness';

/**
 * Downloads the way a troublesome client makes them, for fault tests: one that never reads its
 * socket, one that goes away half-way.
 */

/** A download whose headers came; its body is left unread (the client's socket stops reading once its buffers fill). */
export interface HeldDownload {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The first chunk of the body, when `firstChunk` was asked for. */
  first: Buffer | null;
  /** Reads the rest of the body: resolves with the whole of it (the first chunk included) once it has ended. */
  rest(): Promise<Buffer>;
  /** The client goes away: its socket is destroyed mid-download. */
  destroy(): void;
}

/**
 * Starts GET `path` and resolves once the response's headers (and, with `firstChunk`, the first
 * bytes of the body) have come, leaving the rest unread. Fails if they don't come before the deadline.
 */
export function holdDownload(base: string, path: string, token: string, { firstChunk = false } = {}): Promise<HeldDownload> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const deadline = setTimeout(() => {
      req.destroy();
      reject(new Error(`no answer to GET ${path} within ${ANSWER_DEADLINE_MS} ms`));
    }, ANSWER_DEADLINE_MS);
    req.on('error', (error) => {
      clearTimeout(deadline);
      reject(error);
    });
    req.on('response', (res) => {
      const held = (first: Buffer | null) => {
        clearTimeout(deadline);
        // Never read again: Node stops reading the socket once this response's buffer is full.
        res.pause();
        const rest = () =>
          new Promise<Buffer>((done, fail) => {
            const chunks = first ? [first] : [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => done(Buffer.concat(chunks)));
            res.on('error', fail);
            res.on('aborted', () => fail(new Error('the download was cut short')));
            res.resume();
          });
        resolve({ status: res.statusCode ?? 0, headers: res.headers, first, rest, destroy: () => req.destroy() });
      };
      if (!firstChunk || res.statusCode !== 200) return held(null);
      res.once('data', (chunk: Buffer) => held(chunk));
    });
  });
}

/**
 * GET `path` read to the end: its status, headers and body. A kept-alive connection the server
 * closes just as the request goes out ("other side closed", before any answer) is the one race of
 * HTTP keep-alive, not the server's answer: that GET is sent once more, on a new connection.
 */
export async function fullDownload(
  base: string,
  path: string,
  token: string,
): Promise<{ status: number; headers: Headers; body: Uint8Array }> {
  const get = () =>
    fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(ANSWER_DEADLINE_MS) });
  const res = await get().catch((error: Error & { cause?: { code?: string } }) => {
    if (error.cause?.code === 'UND_ERR_SOCKET') return get();
    throw error;
  });
  return { status: res.status, headers: res.headers, body: new Uint8Array(await res.arrayBuffer()) };
}

/**
 * Makes `user`'s account export about `megabytes` MB, cheaply, written straight into the database
 * as its owner: runs with long notes (random hex, which compresses only about 2:1), and `tracked`
 * of them with a recording of `points` points, so the zip has GPX files too. Several megabytes
 * is more than a socket's buffers hold, so a client that never reads stalls the download.
 * (Millions of track points would do it too, but writing them as GPX takes the server long.)
 */
export async function bulkyAccount(
  t: Pick<TestGateway, 'sql'>,
  user: Pick<TestUser, 'id'>,
  { megabytes = 10, tracked = 2, points = 5000 } = {},
): Promise<{ runs: number; trackedIds: string[] }> {
  const NOTES_KB = 100;
  const runs = Math.ceil((megabytes * 1024 * 2) / NOTES_KB);
  await t.sql(
    `INSERT INTO runs (user_id, started_at, distance, duration, name, notes)
     SELECT $1, now() - make_interval(days => g, secs => g), 10000 + g, 3000 + g, 'Run ' || g,
            (SELECT string_agg(md5(random()::text || piece || g), '') FROM generate_series(1, $3::int * 1024 / 32) piece)
       FROM generate_series(1, $2::int) g`,
    [user.id, runs, NOTES_KB],
  );
  const rows = await t.sql<{ id: string }>(
    `INSERT INTO run_tracks (run_id, source_format, segments, splits)
     SELECT r.id, 'GPX',
            json_build_array((SELECT json_agg(json_build_array(round((45 + random())::numeric, 6), round((7 + random())::numeric, 6),
                                                               round((random() * 900)::numeric, 1), p, 120 + floor(random() * 60)::int) ORDER BY p)
                                FROM generate_series(1, $3::int) p WHERE r.id IS NOT NULL)),
            '[]'::json
       FROM (SELECT id FROM runs WHERE user_id = $1 ORDER BY started_at DESC LIMIT $2) r
     RETURNING run_id AS id`,
    [user.id, tracked, points],
  );
  return { runs, trackedIds: rows.map((r) => r.id) };
}

/** Files a process has open that were deleted (the anonymous files downloads are prepared in); null where /proc is not there. */
export function deletedFilesOpen(child: ChildProcess, nameLike: RegExp): string[] | null {
  const dir = `/proc/${child.pid}/fd`;
  if (!fs.existsSync(dir)) return null;
  const open: string[] = [];
  for (const fd of fs.readdirSync(dir)) {
    const target = (() => {
      try {
        return fs.readlinkSync(`${dir}/${fd}`);
      } catch {
        return '';
      }
    })();
    if (nameLike.test(target) && target.endsWith('(deleted)')) open.push(target);
  }
  return open;
}
