// One bulk import job, start to finish: the archive read entry by entry from disk, each activity
// read on a worker thread (RunsService.readActivity, a few files ahead) and checked for duplicates
// in archive order, then stored a batch at a time through RunsService.createFromActivities as the
// job's owner (row-level security applies) while the next batch is read, progress committed
// together with the runs it counts, so an interrupted job resumes exactly where it was.
import fs from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import type { DataSource } from 'typeorm';
import type { ZipFile } from 'yauzl';
import { ActivityFileError, DomainError, nonRunningSport, tooLarge } from '@maratron/domain';
import type { ExportedRun } from '@maratron/domain';
import type { ImportProblem } from '@maratron/schema';
import type {
  ImportConfig,
  RequestContext,
  EventBus,
  Logger,
  ActivityFile,
  ImportedActivity,
  RunsService,
  ShoesService,
} from '@maratron/core';
import { createRequestContext, insertLaps, isDatabaseOutage, RequestDb } from '@maratron/core';
import { ArchiveRefused, indexArchive, openZip, readActivityEntry, readEntry, readExportFile } from './archive';
import { parseExportedShoes, restoreShoes, retireRestoredShoes } from './exported-shoes';
import type { ExportedShoe } from './exported-shoes';
import type { ActivityEntry, ArchiveIndex } from './archive';

/** What an archive says about one activity besides its file. */
interface Meta {
  name?: string | null;
  notes?: string | null;
  startedAt?: Date | null;
  visibility?: string | null;
  /** Strava's "Activity Type" when it is not running ("Ride", "Swim"). */
  notRunning?: string | null;
  /** A Maratron export's shoe id for the run (null: none); absent: the runner's default shoe. */
  shoeId?: string | null;
  /** A Maratron export's laps (ActivityLap[] as JSON), max heart rate and cadence: what its GPX does not carry. */
  laps?: string;
  maxHeartRate?: number | null;
  averageCadence?: number | null;
}

type FileItem = { kind: 'file'; activity: ActivityEntry; meta: Meta };
/** A track-less run of runs.json, with its shoe as in Meta. */
type Item = FileItem | { kind: 'record'; run: ExportedRun; label: string; shoeId?: string | null };

type Outcome = { result: 'imported' } | { result: 'skipped' | 'failed'; message: string };

/** A file read and checked, waiting to be stored with the rest of its batch. */
interface ReadFile {
  label: string;
  activity: ImportedActivity;
}

/** The items since the last commit: their counts and problems, and the files waiting to be stored. */
class Batch {
  imported = 0;
  skipped = 0;
  failed = 0;
  readonly problems: ImportProblem[] = [];
  readonly held: ReadFile[] = [];
  private items = 0;
  private points = 0;
  private readonly since = Date.now();

  /** An item done with here (not held for storing). */
  count(label: string, outcome: Outcome): void {
    this.items++;
    this.tally(label, outcome);
  }

  /** An outcome into the counts and problems. */
  tally(label: string, outcome: Outcome): void {
    if (outcome.result === 'imported') this.imported++;
    else {
      this[outcome.result]++;
      this.problems.push({ file: label, message: outcome.message });
    }
  }

  hold(label: string, activity: ImportedActivity): void {
    this.items++;
    this.held.push({ label, activity });
    this.points += activity.points;
  }

  /** Time to commit (see BATCH_ITEMS, BATCH_MS, BATCH_POINTS). */
  get full(): boolean {
    return this.items >= BATCH_ITEMS || this.points >= BATCH_POINTS || Date.now() - this.since >= BATCH_MS;
  }
}

/** Same run: starts within a minute and distances within 2 %. */
const DUPLICATE_START_MS = 60_000;
const DUPLICATE_DISTANCE_SHARE = 0.02;
/** Progress is committed (and published) at least this often. */
const BATCH_ITEMS = 50;
const BATCH_MS = 500;
/**
 * Recorded points a batch holds before it is stored, whatever its count: about 1.5 MB, ten or so
 * hour-long runs (an all-day recording goes alone). Two batches are in memory at a time, one being
 * stored and one being read; holding little keeps the gateway's heap small, and ten files to a
 * statement already take the round trips out of the way.
 */
const BATCH_POINTS = 10_000;
/**
 * Files read ahead per reading thread, so that a thread finishing one finds the next already
 * inflated and waiting (measured: with one per thread, the threads sat idle a third of the time);
 * AHEAD_MAX_BYTES bounds what they hold when the files are large.
 */
const READ_AHEAD_PER_THREAD = 3;
const AHEAD_MAX_BYTES = 64 * 1024 * 1024;
/** A RUNNING job whose worker has not committed progress for this long was interrupted (a restart). */
export const IMPORT_STALE_SECONDS = 60;

export class Importer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runs: RunsService,
    private readonly shoes: ShoesService,
    private readonly bus: EventBus,
    private readonly config: ImportConfig,
    private readonly logger: Logger,
    /** Reading threads (ACTIVITY_PARSE_THREADS): files are read ahead enough to keep each busy. */
    private readonly readingThreads = 1,
  ) {}

  /**
   * Processes (or resumes) a job as its owner. A job that is gone or finished is left alone.
   * It ends DONE, or FAILED with the reason — except when the database goes away (isDatabaseOutage):
   * then the error is thrown as it is, nothing more is written, the upload stays, and the job stays
   * where its last committed batch left it, to be resumed (ImportQueue) once the database is back.
   */
  async run(jobId: string, userId: string): Promise<void> {
    const claim = new RequestDb(this.dataSource, userId);
    const rows = await claim.query(
      // A RUNNING job is only taken over once its worker has stopped beating (see IMPORT_STALE_SECONDS).
      `UPDATE import_jobs SET status = 'RUNNING', heartbeat_at = now()
        WHERE id = $1 AND user_id = $2 AND (status = 'QUEUED' OR (status = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => $3)))
       RETURNING archive_path AS "archivePath", file_name AS "fileName", next_entry AS "nextEntry"`,
      [jobId, userId, IMPORT_STALE_SECONDS],
    );
    await claim.close(true);
    if (!rows[0]) return;
    this.publish(jobId, userId);
    const { archivePath, fileName, nextEntry } = rows[0] as { archivePath: string; fileName: string | null; nextEntry: number };

    let zip: ZipFile | null = null;
    try {
      zip = await openZip(archivePath);
      const index = await indexArchive(zip, this.config);
      const shoes = await this.restoreShoes(userId, zip, index);
      const items = await this.itemsOf(zip, index, shoes?.ids ?? null);
      await this.process(jobId, userId, zip, items, nextEntry);
      if (shoes) await this.asOwner(userId, (ctx) => retireRestoredShoes(ctx, this.shoes, userId, shoes.exported, shoes.ids));
      await this.finish(jobId, userId, 'DONE', null);
    } catch (error) {
      if (isDatabaseOutage(error)) throw error;
      const reason =
        error instanceof ArchiveRefused
          ? error.message
          : (error as NodeJS.ErrnoException).code === 'ENOENT'
            ? 'the uploaded archive is gone'
            : null;
      if (!reason) this.logger.error({ err: error, jobId }, 'import job failed');
      await this.finish(jobId, userId, 'FAILED', {
        file: fileName ?? 'archive',
        message: reason ?? 'the import stopped on an unexpected error',
      });
    } finally {
      zip?.close();
    }
    await fs.rm(archivePath, { force: true });
  }

  /** A job that can't go on (its upload is gone after a restart): FAILED with the reason. */
  async fail(jobId: string, userId: string, message: string): Promise<void> {
    await this.finish(jobId, userId, 'FAILED', { file: 'archive', message });
  }

  /** A job interrupted by a database outage, waiting again (its committed batches kept); the caller queues it. */
  async requeue(jobId: string, userId: string): Promise<void> {
    await this.asOwner(userId, ({ db }) =>
      db.query(`UPDATE import_jobs SET status = 'QUEUED', heartbeat_at = now() WHERE id = $1 AND status = 'RUNNING'`, [jobId]),
    );
  }

  /**
   * A Maratron export's shoes (shoes.json beside its runs.json), restored before its runs so they
   * can name them; null for any other archive.
   */
  private async restoreShoes(
    userId: string,
    zip: ZipFile,
    index: ArchiveIndex,
  ): Promise<{ exported: ExportedShoe[]; ids: Map<string, string> } | null> {
    const { maratronRuns: runs, maratronShoes: shoes } = index;
    if (!runs || !shoes || folderOf(runs.fileName) !== folderOf(shoes.fileName)) return null;
    const exported = parseExportedShoes(await readEntry(zip, shoes, { bytes: 0, limit: this.config.maxUncompressedBytes }));
    const ids = await this.asOwner(userId, (ctx) => restoreShoes(ctx, this.shoes, userId, exported));
    return { exported, ids };
  }

  /** `work` in a transaction of its own, as the job's owner. */
  private async asOwner<T>(userId: string, work: (ctx: RequestContext) => Promise<T>): Promise<T> {
    const db = new RequestDb(this.dataSource, userId);
    try {
      const result = await work(this.contextFor(db, userId));
      await db.close(true);
      return result;
    } finally {
      await db.close(false);
    }
  }

  /**
   * The work list in a fixed order (activity entries in archive order, then track-less runs): jobs
   * resume by position. `shoeIds` maps a Maratron export's shoes to the runner's restored ones.
   */
  private async itemsOf(zip: ZipFile, index: ArchiveIndex, shoeIds: Map<string, string> | null): Promise<Item[]> {
    const counter = { bytes: 0, limit: this.config.maxUncompressedBytes };
    const meta = new Map<string, Meta>();
    const records: Item[] = [];
    if (index.maratronRuns) {
      const base = folderOf(index.maratronRuns.fileName);
      const exported = parseExportedRuns(await readEntry(zip, index.maratronRuns, counter));
      // Without shoes.json a run gets the runner's default shoe; with it, its own (or none when it
      // had none, or when its shoe could not be restored).
      const shoeOf = (run: ExportedRun) => (shoeIds ? (run.shoeId ? (shoeIds.get(run.shoeId) ?? null) : null) : undefined);
      exported.forEach((run, i) => {
        const runMeta: Meta = {
          name: run.name,
          notes: run.notes,
          startedAt: run.startedAt,
          visibility: run.visibility,
          shoeId: shoeOf(run),
          laps: JSON.stringify(run.laps),
          maxHeartRate: run.maxHeartRate,
          averageCadence: run.averageCadence,
        };
        if (run.file) meta.set(base + run.file, runMeta);
        else records.push({ kind: 'record', run, label: `runs.json #${i + 1}`, shoeId: runMeta.shoeId });
      });
    } else if (index.stravaCsv) {
      const base = folderOf(index.stravaCsv.fileName);
      for (const [file, m] of parseStravaCsv(await readEntry(zip, index.stravaCsv, counter))) meta.set(base + file, m);
    }
    const files: Item[] = index.activities.map((activity) => ({ kind: 'file', activity, meta: meta.get(activity.fileName) ?? {} }));
    return [...files, ...records];
  }

  private async process(jobId: string, userId: string, zip: ZipFile, items: Item[], from: number): Promise<void> {
    const entries = new FilesAhead(
      zip,
      items,
      { bytes: 0, limit: this.config.maxUncompressedBytes },
      this.config.maxEntryBytes,
      READ_AHEAD_PER_THREAD * this.readingThreads,
      (file) => this.runs.readActivity(file),
    );
    const known = await this.storedRuns(userId);
    let db = new RequestDb(this.dataSource, userId);
    await db.query(`UPDATE import_jobs SET total = $2 WHERE id = $1`, [jobId, items.length]);
    let ctx = this.contextFor(db, userId);
    let batch = new Batch();
    // A batch is stored and committed while the next one is read: reading is this thread's CPU,
    // storing mostly PostgreSQL's, so the two overlap. Batches still commit one after the other.
    let committed: Promise<void> = Promise.resolve();
    const commit = (next: number) => {
      const [closing, closingDb, closingCtx, previous] = [batch, db, ctx, committed];
      committed = (async () => {
        try {
          await previous;
          await this.commitBatch(jobId, userId, closingDb, closingCtx, closing, next, known);
        } finally {
          await closingDb.close(false);
        }
      })();
      // Awaited by the next commit or at the end; a failure meanwhile is not unhandled.
      committed.catch(() => undefined);
      batch = new Batch();
      db = new RequestDb(this.dataSource, userId);
      ctx = this.contextFor(db, userId);
    };
    try {
      for (let i = from; i < items.length; i++) {
        const item = items[i];
        const label = item.kind === 'file' ? item.activity.fileName : item.label;
        const outcome = await this.readItem(ctx, item, entries, i, known);
        if (outcome.result === 'read') batch.hold(label, outcome.activity);
        else batch.count(label, outcome);
        if (batch.full) commit(i + 1);
      }
      commit(items.length);
      await committed;
    } finally {
      // A job that stops early (a refused archive) lets the batch being stored finish first.
      await committed.catch(() => undefined);
      await db.close(false);
    }
  }

  /** Stores a batch's files, then its counts and the position to resume from, in one transaction. */
  private async commitBatch(
    jobId: string,
    userId: string,
    db: RequestDb,
    ctx: RequestContext,
    batch: Batch,
    next: number,
    known: KnownRuns,
  ): Promise<void> {
    const stored = await this.store(ctx, batch.held, known);
    batch.held.forEach((file, i) => batch.tally(file.label, stored[i]));
    await db.query(
      `UPDATE import_jobs SET imported = imported + $2, skipped = skipped + $3, failed = failed + $4, problems = problems || $5::jsonb,
              next_entry = $6, heartbeat_at = now() WHERE id = $1`,
      [jobId, batch.imported, batch.skipped, batch.failed, JSON.stringify(batch.problems), next],
    );
    await db.close(true);
    this.publish(jobId, userId);
  }

  /**
   * A file read and checked (not stored yet), or a record stored; only a broken archive
   * (ArchiveRefused) or a database outage stops the job. A file is taken as stored from here on
   * for the duplicate rule, so a second copy in the same batch is skipped.
   */
  private async readItem(
    ctx: RequestContext,
    item: Item,
    entries: FilesAhead,
    i: number,
    known: KnownRuns,
  ): Promise<Outcome | { result: 'read'; activity: ImportedActivity }> {
    try {
      if (item.kind === 'record') {
        const r = item.run;
        const { startedAt } = r;
        if (known.has(startedAt, r.distance))
          return { result: 'skipped', message: 'a duplicate of a run already stored (same start and distance)' };
        const run = await this.runs.create(ctx, {
          name: r.name,
          startedAt,
          distance: r.distance,
          duration: r.duration,
          elevationGain: r.elevationGain,
          averageHeartRate: r.averageHeartRate,
          maxHeartRate: r.maxHeartRate,
          averageCadence: r.averageCadence,
          environment: r.environment,
          visibility: r.visibility,
          notes: r.notes,
          ...(item.shoeId === undefined ? {} : { shoeId: item.shoeId }),
        });
        // A treadmill run's laps: it has no GPX, so runs.json is all there is of it.
        await insertLaps(ctx.db, [{ runId: run.id, laps: JSON.stringify(r.laps) }]);
        known.add(startedAt, r.distance);
        return { result: 'imported' };
      }
      if (item.meta.notRunning) return { result: 'skipped', message: `a ${item.meta.notRunning} activity, not a run` };
      const read = await entries.take(i);
      if (known.has(read.run.startedAt, read.run.distance))
        return { result: 'skipped', message: 'a duplicate of a run already stored (same start and distance)' };
      known.add(read.run.startedAt, read.run.distance);
      return { result: 'read', activity: read };
    } catch (error) {
      if (error instanceof ArchiveRefused || isDatabaseOutage(error)) throw error;
      return failure(error);
    }
  }

  /**
   * Stores a batch's files together; when that fails, one by one, so that only the file at fault
   * fails (and stops counting as stored for the duplicate rule). One outcome per file.
   */
  private async store(ctx: RequestContext, files: readonly ReadFile[], known: KnownRuns): Promise<Outcome[]> {
    if (files.length === 0) return [];
    try {
      await this.runs.createFromActivities(
        ctx,
        files.map((f) => f.activity),
      );
      return files.map(() => ({ result: 'imported' }));
    } catch (error) {
      if (isDatabaseOutage(error)) throw error;
      const outcomes: Outcome[] = [];
      for (const { activity } of files) {
        try {
          await this.runs.createFromActivities(ctx, [activity]);
          outcomes.push({ result: 'imported' });
        } catch (error) {
          if (isDatabaseOutage(error)) throw error;
          known.remove(activity.run.startedAt, activity.run.distance);
          outcomes.push(failure(error));
        }
      }
      return outcomes;
    }
  }

  private contextFor(db: RequestDb, userId: string): RequestContext {
    return createRequestContext(this.dataSource, `import-${randomUUID()}`, userId, 'import', { db });
  }

  /** The owner's runs (start, distance) for the duplicate rule, read as the owner. */
  private storedRuns(userId: string): Promise<KnownRuns> {
    return this.asOwner(userId, async ({ db }) => {
      const rows = await db.query<{ at: Date; distance: number }>(`SELECT started_at AS at, distance FROM runs WHERE user_id = $1`, [
        userId,
      ]);
      const known = new KnownRuns();
      for (const r of rows) known.add(r.at, Number(r.distance));
      return known;
    });
  }

  private async finish(jobId: string, userId: string, status: 'DONE' | 'FAILED', problem: ImportProblem | null): Promise<void> {
    await this.asOwner(userId, ({ db }) =>
      db.query(
        `UPDATE import_jobs SET status = $2, finished_at = now(), heartbeat_at = now(),
                problems = CASE WHEN $3::jsonb IS NULL THEN problems ELSE problems || jsonb_build_array($3::jsonb) END
          WHERE id = $1 AND status IN ('QUEUED', 'RUNNING')`,
        [jobId, status, problem ? JSON.stringify(problem) : null],
      ),
    );
    this.publish(jobId, userId);
  }

  private publish(jobId: string, userId: string): void {
    this.bus.publish('import.progress', { jobId, userId });
  }
}

/**
 * What a file that could not be imported counts as, with the message the runner sees: decided by
 * the reader's code (a file that is not a run is skipped, any other refusal fails), never by wording.
 */
function failure(error: unknown): Outcome {
  if (error instanceof DomainError || error instanceof ActivityFileError) {
    // A file of another sport is no fault of the file: it is skipped, as a duplicate is.
    const code = error instanceof DomainError ? error.reason : error.code;
    return { result: code === 'NOT_A_RUN' ? 'skipped' : 'failed', message: error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { result: 'failed', message: `unreadable: ${message}` };
}

/**
 * The files to import, read up to `depth` files (and AHEAD_MAX_BYTES) ahead of the one being
 * checked: each entry's stored bytes are read from disk, then inflated and read on a worker thread, while earlier
 * ones are checked and stored. They are taken in archive order, so the duplicate rule sees them as
 * they come.
 */
class FilesAhead {
  private readonly reading = new Map<number, { read: Promise<ImportedActivity>; bytes: number }>();
  /** Items before this one have been started (or are not files to read). */
  private next = 0;
  /** Inflated bytes of the files started and not taken yet. */
  private aheadBytes = 0;

  constructor(
    private readonly zip: ZipFile,
    private readonly items: readonly Item[],
    private readonly counter: { bytes: number; limit: number },
    /** The most one entry may inflate to; a larger one is that file's failure, never inflated. */
    private readonly maxEntryBytes: number,
    private readonly depth: number,
    private readonly read: (file: ActivityFile) => Promise<ImportedActivity>,
  ) {}

  /** Item `i` (a file) read; the files after it started, up to `depth` ahead and AHEAD_MAX_BYTES. */
  take(i: number): Promise<ImportedActivity> {
    const started = this.reading.get(i);
    this.reading.delete(i);
    if (started) this.aheadBytes -= started.bytes;
    const read = started?.read ?? this.start(i);
    this.next = Math.max(this.next, i + 1);
    while (this.next <= i + this.depth && this.next < this.items.length && this.aheadBytes < AHEAD_MAX_BYTES) {
      const item = this.items[this.next];
      if (item.kind === 'file' && !item.meta.notRunning) {
        const bytes = item.activity.entry.uncompressedSize;
        this.reading.set(this.next, { read: this.start(this.next), bytes });
        this.aheadBytes += bytes;
      }
      this.next++;
    }
    return read;
  }

  private start(i: number): Promise<ImportedActivity> {
    const { activity, meta } = this.items[i] as FileItem;
    const read = (async () => {
      if (activity.entry.uncompressedSize > this.maxEntryBytes) throw tooLarge(activity.format, this.maxEntryBytes);
      const content = await readActivityEntry(this.zip, activity.entry, this.counter, this.maxEntryBytes);
      return this.read({
        format: activity.format,
        content,
        name: meta.name,
        notes: meta.notes,
        startedAt: meta.startedAt,
        visibility: meta.visibility,
        laps: meta.laps,
        maxHeartRate: meta.maxHeartRate,
        averageCadence: meta.averageCadence,
        ...(meta.shoeId === undefined ? {} : { shoeId: meta.shoeId }),
      });
    })();
    // Awaited by take()'s caller in its turn; a job that stops before then leaves it unawaited.
    read.catch(() => undefined);
    return read;
  }
}

/** Stored and just-imported runs by start minute, for the duplicate rule. */
class KnownRuns {
  private readonly byMinute = new Map<number, number[][]>();

  has(at: Date, distance: number): boolean {
    const minute = Math.floor(at.getTime() / DUPLICATE_START_MS);
    for (const m of [minute - 1, minute, minute + 1]) {
      for (const [t, d] of this.byMinute.get(m) ?? []) {
        if (Math.abs(t - at.getTime()) <= DUPLICATE_START_MS && Math.abs(d - distance) <= DUPLICATE_DISTANCE_SHARE * Math.max(d, distance))
          return true;
      }
    }
    return false;
  }

  add(at: Date, distance: number): void {
    const minute = Math.floor(at.getTime() / DUPLICATE_START_MS);
    const list = this.byMinute.get(minute) ?? [];
    list.push([at.getTime(), distance]);
    this.byMinute.set(minute, list);
  }

  /** Takes back an `add` whose run was not stored after all. */
  remove(at: Date, distance: number): void {
    const list = this.byMinute.get(Math.floor(at.getTime() / DUPLICATE_START_MS)) ?? [];
    const i = list.findIndex(([t, d]) => t === at.getTime() && d === distance);
    if (i >= 0) list.splice(i, 1);
  }
}

const folderOf = (name: string) => name.slice(0, name.lastIndexOf('/') + 1);

function parseExportedRuns(bytes: Buffer): ExportedRun[] {
  return readExportFile(bytes, 'runs.json').runs;
}

/*
 * Strava's activities.csv: a header row, then one activity per row. Columns are found by name
 * (Strava adds columns over time and repeats some names, such as "Distance"; the first wins).
 * "Activity Date" is UTC, written "Mar 1, 2025, 8:00:00 AM"; "Filename" is the activity's file
 * relative to the csv ("activities/123.fit.gz"), empty for activities entered by hand.
 */
function parseStravaCsv(bytes: Buffer): Map<string, Meta> {
  let rows: string[][];
  try {
    rows = parseCsv(bytes, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (error) {
    throw new ArchiveRefused(400, `activities.csv cannot be read (${(error as Error).message})`);
  }
  const header = (rows.shift() ?? []).map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const [file, name, date, type, description] = ['filename', 'activity name', 'activity date', 'activity type', 'activity description'].map(
    col,
  );
  const meta = new Map<string, Meta>();
  if (file < 0) return meta;
  for (const row of rows) {
    const path = row[file]?.trim();
    if (!path) continue;
    const sport = type >= 0 ? row[type]?.trim() : undefined;
    meta.set(path, {
      name: name >= 0 ? row[name]?.trim() || null : null,
      notes: description >= 0 ? row[description]?.trim() || null : null,
      startedAt: date >= 0 ? stravaDate(row[date]) : null,
      notRunning: nonRunningSport(sport) ? sport : null,
    });
  }
  return meta;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** "Mar 1, 2025, 8:00:00 AM" or "2025-03-01 08:00:00" as UTC; null when it is neither. */
export function stravaDate(text: string | undefined): Date | null {
  const s = text?.trim() ?? '';
  let m = /^([A-Za-z]{3})[a-z]* (\d{1,2}), (\d{4}),? (\d{1,2}):(\d{2}):(\d{2})\s*([AP]M)?$/i.exec(s);
  if (m) {
    const month = MONTHS.indexOf(m[1].toLowerCase());
    let hour = Number(m[4]) % (m[7] ? 12 : 24);
    if (m[7]?.toUpperCase() === 'PM') hour += 12;
    return month < 0 ? null : new Date(Date.UTC(Number(m[3]), month, Number(m[2]), hour, Number(m[5]), Number(m[6])));
  }
  m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})Z?$/.exec(s);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]))) : null;
}
