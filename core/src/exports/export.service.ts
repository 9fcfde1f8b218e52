// "Download my data": everything a runner owns as one zip. Every read is made as the runner
// (row-level security) from one snapshot, in keyset pages, and each page is written into the zip
// before the next is read; yazl writes one entry at a time, so what is held in memory is a page and
// the stream buffers, whatever the size of the account. The zip goes to a temporary file, and the
// connection goes back to the pool before the file is sent (authenticatedDownload): a slow
// client never holds a database connection.
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { z } from 'zod';
import { exportedRunSchema, exportedShoeSchema, notFound, recordingToGpx } from '@maratron/domain';
import type { ActivityLap, ExportedRun, RecordedPoint } from '@maratron/domain';
import type { Comment, Post, Run, Shoe, TrainingProfile, User } from '@maratron/schema';
import { requireViewer } from '../context';
import type { RequestContext } from '../context';
import type { ExportLimits } from '../config';
import type { RequestDb } from '../database/request-db';
import { RUN_COLUMNS } from '../runs/runs.sql';
import { SHOE_COLUMNS } from '../shoes/shoes.sql';
import { COMMENT_COLUMNS, POST_COLUMNS } from '../social/posts.sql';
import { TRAINING_PROFILE_COLUMNS, USER_COLUMNS } from '../users/users.sql';
import { ExportTurns } from './export-turns';

/** Rows read per statement for the JSON lists, and runs (with their recordings) per statement for the GPX files. */
const ROWS_PER_PAGE = 500;
const TRACKS_PER_PAGE = 25;
/** Before any row: keyset pages start here. */
const FIRST_KEY = { at: '-infinity', id: '00000000-0000-0000-0000-000000000000' };

export interface AccountExport {
  fileName: string;
  /** Writes the zip to `out`; resolves when it is all written, rejects when `out` fails or closes early. */
  write(out: Writable): Promise<void>;
  /** The download has ended, sent or not: the runner may start another. */
  finished(): void;
}

/** `activities/2025-03-01-<run id>.gpx`: sorts by date, unique by id. */
const gpxPath = (run: { id: string; startedAt: Date }) => `activities/${run.startedAt.toISOString().slice(0, 10)}-${run.id}.gpx`;

export class ExportService {
  private readonly turns: ExportTurns;

  constructor(limits: ExportLimits) {
    this.turns = new ExportTurns(limits);
  }

  /**
   * The viewer's export, if they have none under way and the process has an export reader free
   * (RATE_LIMITED / SERVICE_UNAVAILABLE otherwise). The account is read here, before anything is
   * sent, so a bad token or a deleted account is answered with an error rather than a broken
   * download.
   */
  async exportAccount(ctx: RequestContext): Promise<AccountExport> {
    const viewerId = requireViewer(ctx);
    const turn = this.turns.take(viewerId);
    try {
      // runs.json, the GPX files and the shoes' totals must agree even if the runner logs a run
      // while the zip is written.
      ctx.db.readOneSnapshot();
      const [user] = await ctx.db.query<User>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`, [viewerId]);
      if (!user) throw notFound('User');
      const date = new Date().toISOString().slice(0, 10);
      return {
        fileName: `maratron-export-${user.username}-${date}.zip`,
        write: async (out) => {
          try {
            await this.writeZip(ctx.db, viewerId, user, out);
          } finally {
            turn.doneReading();
          }
        },
        finished: turn.finished,
      };
    } catch (error) {
      turn.finished();
      throw error;
    }
  }

  private async writeZip(db: RequestDb, viewerId: string, user: User, out: Writable): Promise<void> {
    const zip = new yazl.ZipFile();
    const abort = new AbortController();
    const sent = pipeline(zip.outputStream, out).catch((error: Error) => {
      abort.abort(error);
      throw error;
    });
    const mtime = new Date();
    const entries = new ZipWriter(zip, abort.signal, mtime);
    try {
      const [profile] = await db.query<TrainingProfile>(
        `SELECT ${TRAINING_PROFILE_COLUMNS} FROM training_profiles t WHERE t.user_id = $1`,
        [viewerId],
      );
      // The profile is the runner's own: the file names no owner.
      const { userId: _owner, ...trainingProfile } = profile ?? { userId: null };
      await entries.add('profile.json', async (write) =>
        write(`${JSON.stringify({ user, trainingProfile: profile ? trainingProfile : null }, null, 2)}\n`),
      );
      await entries.add('runs.json', (write) => this.writeRuns(db, viewerId, write));
      await entries.add('shoes.json', (write) =>
        jsonList(
          write,
          'shoes',
          encoded(
            exportedShoeSchema,
            keyset<Shoe>(
              db,
              `SELECT ${SHOE_COLUMNS}, s.created_at::text AS "key" FROM shoes s WHERE s.user_id = $1`,
              's.created_at',
              's.id',
              [viewerId],
            ),
          ),
        ),
      );
      await entries.add('posts.json', (write) =>
        jsonList(
          write,
          'posts',
          keyset<Post>(
            db,
            `SELECT ${POST_COLUMNS}, p.created_at::text AS "key" FROM posts p WHERE p.user_id = $1`,
            'p.created_at',
            'p.id',
            [viewerId],
          ),
        ),
      );
      await entries.add('comments.json', (write) =>
        jsonList(
          write,
          'comments',
          keyset<Comment>(
            db,
            `SELECT ${COMMENT_COLUMNS}, c.created_at::text AS "key" FROM comments c WHERE c.user_id = $1`,
            'c.created_at',
            'c.id',
            [viewerId],
          ),
        ),
      );
      await entries.add('plans.json', async (write) => jsonList(write, 'plans', await this.plans(db, viewerId)));
      await this.writeTracks(db, viewerId, entries);
      zip.end();
      await sent;
    } catch (error) {
      abort.abort(error);
      (zip.outputStream as Readable).destroy();
      await sent.catch(() => undefined);
      throw error;
    }
  }

  /** runs.json (the archive format's), page by page; a run with a recording names its GPX file (written by writeTracks). */
  private async writeRuns(db: RequestDb, viewerId: string, write: Write): Promise<void> {
    const rows = keyset<Run & { hasTrack: boolean; laps: ActivityLap[] | null }>(
      db,
      `SELECT ${RUN_COLUMNS}, r.started_at::text AS "key",
              EXISTS (SELECT 1 FROM run_tracks k WHERE k.run_id = r.id AND json_array_length(k.segments) > 0) AS "hasTrack",
              (SELECT l.laps FROM run_laps l WHERE l.run_id = r.id) AS "laps"
         FROM runs r WHERE r.user_id = $1`,
      'r.started_at',
      'r.id',
      [viewerId],
    );
    async function* runs(): AsyncGenerator<ExportedRun> {
      for await (const r of rows) {
        yield {
          id: r.id,
          name: r.name,
          startedAt: r.startedAt,
          distance: r.distance,
          duration: r.duration,
          elevationGain: r.elevationGain,
          averageHeartRate: r.averageHeartRate,
          maxHeartRate: r.maxHeartRate,
          averageCadence: r.averageCadence,
          laps: r.laps ?? [],
          environment: r.environment,
          visibility: r.visibility,
          notes: r.notes,
          shoeId: r.shoeId,
          file: r.hasTrack ? gpxPath(r) : null,
        };
      }
    }
    await jsonList(write, 'runs', encoded(exportedRunSchema, runs()));
  }

  /** One GPX per run with a recording, a page of recordings at a time. */
  private async writeTracks(db: RequestDb, viewerId: string, entries: ZipWriter): Promise<void> {
    const rows = keyset<{ id: string; name: string | null; startedAt: Date; segments: RecordedPoint[][] }>(
      db,
      `SELECT r.id, r.name, r.started_at AS "startedAt", k.segments, r.started_at::text AS "key"
         FROM runs r JOIN run_tracks k ON k.run_id = r.id WHERE r.user_id = $1 AND json_array_length(k.segments) > 0`,
      'r.started_at',
      'r.id',
      [viewerId],
      TRACKS_PER_PAGE,
    );
    for await (const run of rows) {
      await entries.add(gpxPath(run), async (write) => write(recordingToGpx(run, run.segments)));
    }
  }

  /** Training plans, when that table exists in this deployment (the coach's); an empty list otherwise. */
  private async plans(db: RequestDb, viewerId: string): Promise<unknown[]> {
    const [{ exists }] = await db.query<{ exists: boolean }>(`SELECT to_regclass('training_plans') IS NOT NULL AS exists`);
    if (!exists) return [];
    const rows = await db.query<{ plan: Record<string, unknown> }>(
      `SELECT to_jsonb(p) AS plan FROM training_plans p WHERE p.user_id = $1`,
      [viewerId],
    );
    return rows.map((r) => r.plan);
  }
}

type Write = (chunk: string) => Promise<void>;

/**
 * Adds zip entries one after the other, each written through a stream that yazl reads when it
 * reaches it: a write waits while the stream is full, so nothing runs ahead of the download.
 */
class ZipWriter {
  constructor(
    private readonly zip: yazl.ZipFile,
    private readonly signal: AbortSignal,
    private readonly mtime: Date,
  ) {}

  async add(name: string, fill: (write: Write) => Promise<void>): Promise<void> {
    const stream = new PassThrough();
    this.zip.addReadStream(stream, name, { mtime: this.mtime });
    const write: Write = async (chunk) => {
      this.signal.throwIfAborted();
      if (!stream.write(chunk)) await once(stream, 'drain', { signal: this.signal });
    };
    await fill(write);
    stream.end();
  }
}

/** `{ "<name>": [ … ] }`, one item a line, written as the items come. */
async function jsonList(write: Write, name: string, items: Iterable<unknown> | AsyncIterable<unknown>): Promise<void> {
  await write(`{ ${JSON.stringify(name)}: [`);
  let first = true;
  for await (const item of items) {
    await write(`${first ? '\n' : ',\n'}  ${JSON.stringify(item)}`);
    first = false;
  }
  await write(first ? '] }\n' : '\n] }\n');
}

/**
 * Items as the archive format writes them (archive-format.ts: dates as ISO text), checked
 * against it on the way: runs.json and shoes.json are what the bulk import reads back.
 */
async function* encoded<Schema extends z.ZodType>(schema: Schema, items: AsyncIterable<z.output<Schema>>): AsyncGenerator<z.input<Schema>> {
  for await (const item of items) yield z.encode(schema, item);
}

/**
 * The rows of `select` (which must select its sort timestamp as text in "key", exact to the
 * microsecond, and filter with a WHERE) in (at, id) order, `size` rows per statement.
 */
async function* keyset<Row extends object>(
  db: RequestDb,
  select: string,
  at: string,
  id: string,
  params: unknown[],
  size = ROWS_PER_PAGE,
): AsyncGenerator<Row> {
  let after = FIRST_KEY;
  const n = params.length;
  for (;;) {
    const rows = await db.query<Row & { id: string; key: string }>(
      `${select} AND (${at}, ${id}) > ($${n + 1}::timestamptz, $${n + 2}::uuid) ORDER BY ${at}, ${id} LIMIT $${n + 3}`,
      [...params, after.at, after.id, size],
    );
    for (const row of rows) {
      // Without its key, a row is what `select` returned: a Row.
      const { key: _key, ...rest } = row;
      yield rest as Row;
    }
    if (rows.length < size) return;
    const last = rows[rows.length - 1];
    after = { at: last.key, id: last.id };
  }
}
