import { randomUUID } from 'node:crypto';
import {
  WebhookEvent,
  assertHumanPace,
  forbidden,
  newRunSchema,
  notFound,
  parseId,
  parseInput,
  periodRange,
  recordingToGpx,
  runChangesSchema,
} from '@maratron/domain';
import { Run } from '@maratron/schema';
import type { NewRun, Period } from '@maratron/domain';
import type { Page, RunStats } from '@maratron/schema';
import { decodeCursor, pageSize, toPage } from '../common/pagination';
import { requireViewer } from '../context';
import type { RequestContext } from '../context';
import { hydrate } from '../database/rows';
import { publishAfterCommit } from '../events';
import type { EventBus } from '../events';
import type { ShoesService } from '../shoes/shoes.service';
import { viewerTimeZone } from '../users/time-zone';
import type { ActivityFile, ImportedActivity } from './activity-import';
import type { ActivityReaders } from './activity-readers';
import { insertEfforts, insertRecordings, moveEfforts, replaceEfforts } from './recordings';
import { insertHeartRates } from '../training/heart-rates';
import { insertLaps } from './laps';
import type { EffortSource } from './recordings';
import type { PostsService } from '../social/posts.service';
import type { WebhooksService } from '../webhooks/webhooks.service';
import { RUN_COLUMNS } from './runs.sql';

export interface RunsQuery {
  ownerId?: string | null;
  first?: number | null;
  after?: string | null;
  from?: Date | null;
  to?: Date | null;
}

export interface RunsPage extends Page<Run> {
  count: () => Promise<number>;
}

export class RunsService {
  constructor(
    private readonly shoes: ShoesService,
    private readonly posts: PostsService,
    private readonly events: EventBus,
    private readonly readers: ActivityReaders,
    /** TRACK_MAX_POINTS_PER_RESPONSE: the most points a run's track has in any answer. */
    private readonly trackMaxPoints: number,
    /** Every write of runs queues its webhook deliveries here, in the same transaction. */
    private readonly webhooks: WebhooksService,
  ) {}

  /**
   * A run's track as the API answers it (GraphQL, live updates): at most `trackMaxPoints` points,
   * (or `maxPoints`, when fewer), a longer recording thinned evenly with its first and last point kept. The run is one the
   * viewer already holds (every path to a Run applied the visibility rule). For anyone but its
   * runner a hidden map is null and the points inside the runner's privacy zones are left out —
   * decided in the database (runTrack loader, maratron_run_track), never here. The query cost
   * counts the field at that many points (protection/query-cost.ts), so an answer's points are
   * bounded too.
   */
  track(ctx: RequestContext, run: Run, maxPoints = this.trackMaxPoints): Promise<number[][] | null> {
    if (run.hideTrack && run.userId !== ctx.viewerId) return Promise.resolve(null);
    return ctx.loaders.runTrack.load({ runId: run.id, maxPoints: Math.min(maxPoints, this.trackMaxPoints) });
  }

  /** A run the viewer may see, or null (missing and hidden look the same). */
  async get(ctx: RequestContext, id: string): Promise<Run | null> {
    requireViewer(ctx);
    return ctx.loaders.visibleRunById.load(parseId(id));
  }

  /** A runner's runs newest first (the viewer's own without `ownerId`), as the viewer may see them. */
  async page(ctx: RequestContext, q: RunsQuery): Promise<RunsPage> {
    const viewerId = requireViewer(ctx);
    const ownerId = q.ownerId ? parseId(q.ownerId, 'userId') : viewerId;
    const first = pageSize(q.first);
    const after = decodeCursor(q.after);
    const range = { ownerId, from: q.from ?? null, to: q.to ?? null };
    const rows = first === 0 ? [] : await ctx.loaders.runsPage.load({ ...range, limit: first + 1, after });
    return {
      ...toPage(rows, first, (r) => ({ at: r.startedAt, id: r.id })),
      count: () => ctx.loaders.runsCount.load(range),
    };
  }

  /**
   * Totals over the period containing now, by the same ranges as trainingSummary (periodRange), in
   * the viewer's time zone (see viewerTimeZone).
   */
  async stats(ctx: RequestContext, ownerId: string, period: Period): Promise<RunStats> {
    return ctx.loaders.runStats.load({ ownerId, ...periodRange(period, new Date(), await viewerTimeZone(ctx)) });
  }

  async create(ctx: RequestContext, input: unknown): Promise<Run> {
    const viewerId = requireViewer(ctx);
    const data = parseInput(newRunSchema, input);
    assertHumanPace(data.distance, data.duration);
    return ctx.db.transaction(async () => {
      const [run] = await this.insert(ctx, viewerId, [{ data }]);
      if (data.share) await this.posts.shareRun(ctx, run);
      return run;
    });
  }

  /**
   * importActivity: a GPX/TCX file becomes a run through the same rules as createRun (the run
   * fields from the file's summary, validated by newRunSchema and the pace rule), stored with its
   * recording, splits and track-derived best efforts in one transaction. A file that can't be
   * used is BAD_USER_INPUT (field `content`) and stores nothing. The file is read on a worker
   * thread (ActivityReaders), within the configured limits, before the transaction's work starts.
   */
  async createFromActivity(ctx: RequestContext, file: ActivityFile): Promise<Run> {
    requireViewer(ctx);
    const [run] = await this.createFromActivities(ctx, [await this.readers.read(file)]);
    return run;
  }

  /** Reads a file on a worker thread without storing it (a bulk import's files, checked before their batch is stored). */
  readActivity(file: ActivityFile): Promise<ImportedActivity> {
    return this.readers.read(file);
  }

  /**
   * Activities already read (readActivity), stored as createFromActivity stores one, with one
   * statement per table however many there are: a bulk import's batch, read and checked for
   * duplicates first. All or none are stored.
   */
  async createFromActivities(ctx: RequestContext, activities: readonly ImportedActivity[]): Promise<Run[]> {
    const viewerId = requireViewer(ctx);
    return ctx.db.transaction(async () => {
      const runs = await this.insert(
        ctx,
        viewerId,
        activities.map((a) => ({ data: a.run, efforts: a.efforts })),
      );
      await insertRecordings(
        ctx.db,
        runs.map((run, i) => ({
          runId: run.id,
          format: activities[i].format,
          segments: activities[i].recording,
          splits: activities[i].splits,
          mileSplits: activities[i].mileSplits,
        })),
      );
      await insertHeartRates(
        ctx.db,
        viewerId,
        runs.map((run, i) => ({ runId: run.id, histogram: activities[i].heartRates })),
      );
      await insertLaps(
        ctx.db,
        runs.map((run, i) => ({ runId: run.id, laps: activities[i].laps })),
      );
      return runs;
    });
  }

  /**
   * A run the viewer may see as a GPX 1.1 file: its recording (if it was imported from one) as the
   * viewer may see it — for anyone but its runner, without the points inside the runner's privacy
   * zones (maratron_run_track). A hidden map is FORBIDDEN to anyone but its runner (they may see
   * the run, so its existence is no secret); a run they may not see is NOT_FOUND.
   */
  async exportGpx(ctx: RequestContext, id: string): Promise<{ fileName: string; gpx: string }> {
    const run = await this.get(ctx, id);
    if (!run) throw notFound('Run');
    if (run.hideTrack && run.userId !== ctx.viewerId) throw forbidden("The runner keeps this run's map to themself");
    const recording = await ctx.loaders.runRecording.load(run.id);
    return {
      fileName: `maratron-${run.startedAt.toISOString().slice(0, 10)}-${run.id.slice(0, 8)}.gpx`,
      gpx: recordingToGpx(run, recording ?? []),
    };
  }

  async update(ctx: RequestContext, id: string, input: unknown): Promise<Run> {
    const viewerId = requireViewer(ctx);
    const changes = parseInput(runChangesSchema, input);
    return ctx.db.transaction(async () => {
      const run = await this.ownRunForUpdate(ctx, viewerId, parseId(id));
      const next = { ...run, ...definedOnly(changes) };
      assertHumanPace(next.distance, next.duration);
      const shoeId = await this.shoes.shoeForRun(ctx.db, viewerId, changes.shoeId, run.shoeId);
      const rows = await ctx.db.query<Run>(
        `UPDATE runs AS r SET shoe_id = $2, name = $3, started_at = $4, distance = $5, duration = $6, elevation_gain = $7,
                average_heart_rate = $8, environment = $9, visibility = $10, notes = $11, hide_track = $12, updated_at = now()
          WHERE r.id = $1 RETURNING ${RUN_COLUMNS}`,
        [
          run.id,
          shoeId,
          next.name,
          next.startedAt,
          next.distance,
          next.duration,
          next.elevationGain,
          next.averageHeartRate,
          next.environment,
          next.visibility,
          next.notes,
          next.hideTrack,
        ],
      );
      const updated = hydrate(Run, rows)[0];
      // Changed totals contradict whatever the efforts were derived from (a typed-in run's old
      // numbers, or an imported run's track): they become the whole run's at its new average pace.
      // A new start time alone only moves them.
      if (updated.distance !== run.distance || updated.duration !== run.duration) await replaceEfforts(ctx.db, updated);
      else if (updated.startedAt.getTime() !== run.startedAt.getTime()) await moveEfforts(ctx.db, run.id, updated.startedAt);
      ctx.loaders.visibleRunById.clear(run.id);
      publishAfterCommit(ctx.db, this.events, 'leaderboard.changed', { userId: viewerId });
      publishAfterCommit(ctx.db, this.events, 'run.updated', { runId: run.id, userId: viewerId });
      await this.webhooks.queue(ctx.db, viewerId, WebhookEvent.RUN_UPDATED, [run.id]);
      return updated;
    });
  }

  async delete(ctx: RequestContext, id: string): Promise<string> {
    const viewerId = requireViewer(ctx);
    return ctx.db.transaction(async () => {
      const run = await this.ownRunForUpdate(ctx, viewerId, parseId(id));
      await ctx.db.execute(`DELETE FROM runs WHERE id = $1`, [run.id]);
      ctx.loaders.visibleRunById.clear(run.id);
      publishAfterCommit(ctx.db, this.events, 'leaderboard.changed', { userId: viewerId });
      publishAfterCommit(ctx.db, this.events, 'run.deleted', { runId: run.id, userId: viewerId });
      await this.webhooks.queue(ctx.db, viewerId, WebhookEvent.RUN_DELETED, [run.id]);
      return run.id;
    });
  }

  /**
   * The one INSERT of runs (createRun, importActivity, bulk import, MCP log_run), with their best
   * efforts, in the order given. A run that names no visibility gets the runner's own default
   * (`users.default_visibility`), read in the same statement. Call inside a transaction.
   */
  private async insert(
    ctx: RequestContext,
    viewerId: string,
    items: readonly { data: NewRun; efforts?: EffortSource['efforts'] }[],
  ): Promise<Run[]> {
    const shoeIds = new Map<string | null | undefined, string | null>();
    for (const { data } of items) {
      if (!shoeIds.has(data.shoeId)) shoeIds.set(data.shoeId, await this.shoes.shoeForRun(ctx.db, viewerId, data.shoeId));
    }
    // Ids chosen here, not by the table's default, tie each returned row to its item.
    const ids = items.map(() => randomUUID());
    const column = <T>(value: (data: NewRun) => T): T[] => items.map(({ data }) => value(data));
    const rows = await ctx.db.query<Run>(
      `INSERT INTO runs AS r (id, user_id, shoe_id, name, started_at, distance, duration, elevation_gain, average_heart_rate, environment, visibility, notes, hide_track,
                             max_heart_rate, average_cadence)
       SELECT n.id, n.user_id, n.shoe_id, n.name, n.started_at, n.distance, n.duration, n.elevation_gain, n.average_heart_rate, n.environment,
              coalesce(n.visibility, (SELECT u.default_visibility FROM users u WHERE u.id = n.user_id)), n.notes, n.hide_track,
              n.max_heart_rate, n.average_cadence
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::varchar[], $5::timestamptz[], $6::float8[], $7::int[], $8::float8[], $9::int[],
                     $10::varchar[], $11::varchar[], $12::text[], $13::boolean[], $14::int[], $15::int[])
              AS n(id, user_id, shoe_id, name, started_at, distance, duration, elevation_gain, average_heart_rate, environment, visibility, notes, hide_track,
                   max_heart_rate, average_cadence)
       RETURNING ${RUN_COLUMNS}`,
      [
        ids,
        column(() => viewerId),
        column((d) => shoeIds.get(d.shoeId)),
        column((d) => d.name),
        column((d) => d.startedAt),
        column((d) => d.distance),
        column((d) => d.duration),
        column((d) => d.elevationGain),
        column((d) => d.averageHeartRate),
        column((d) => d.environment),
        column((d) => d.visibility ?? null),
        column((d) => d.notes),
        column((d) => d.hideTrack),
        column((d) => d.maxHeartRate),
        column((d) => d.averageCadence),
      ],
    );
    const byId = new Map(hydrate(Run, rows).map((run) => [run.id, run]));
    const runs = ids.map((id) => byId.get(id)!);
    await insertEfforts(
      ctx.db,
      runs.map((run, i) => ({ ...run, efforts: items[i].efforts })),
    );
    for (const run of runs) publishAfterCommit(ctx.db, this.events, 'run.created', { runId: run.id, userId: viewerId });
    await this.webhooks.queue(
      ctx.db,
      viewerId,
      WebhookEvent.RUN_CREATED,
      runs.map((run) => run.id),
    );
    return runs;
  }

  /**
   * The viewer's run, locked for a write. Someone else's is FORBIDDEN when the viewer may
   * see it and NOT_FOUND when not, so an error never reveals a hidden run.
   */
  private async ownRunForUpdate(ctx: RequestContext, viewerId: string, id: string): Promise<Run> {
    const rows = await ctx.db.query<Run>(`SELECT ${RUN_COLUMNS} FROM runs r WHERE r.id = $1 AND r.user_id = $2 FOR UPDATE`, [id, viewerId]);
    const run = hydrate(Run, rows)[0];
    if (run) return run;
    throw (await ctx.loaders.visibleRunById.load(id)) ? forbidden('That run is not yours') : notFound('Run');
  }
}

/** Drops keys whose value is undefined (not given), keeping explicit nulls (cleared). */
function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
