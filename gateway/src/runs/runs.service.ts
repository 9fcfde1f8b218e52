import {
  assertHumanPace,
  forbidden,
  newRunSchema,
  notFound,
  parseId,
  parseInput,
  Period,
  Run,
  runChangesSchema,
  startOfPeriod,
} from '@maratron/schema';
import type { Page, RunStats } from '@maratron/schema';
import { decodeCursor, pageSize, toPage } from '../common/pagination';
import { requireViewer } from '../context';
import type { RequestContext } from '../context';
import { hydrate } from '../database/rows';
import type { ShoesService } from '../shoes/shoes.service';
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
  constructor(private readonly shoes: ShoesService) {}

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

  stats(ctx: RequestContext, ownerId: string, period: Period): Promise<RunStats> {
    requireViewer(ctx);
    return ctx.loaders.runStats.load({ ownerId, since: startOfPeriod(period, new Date()) });
  }

  async create(ctx: RequestContext, input: unknown): Promise<Run> {
    const viewerId = requireViewer(ctx);
    const data = parseInput(newRunSchema, input);
    assertHumanPace(data.distance, data.duration);
    return ctx.db.transaction(async () => {
      const shoeId = await this.shoes.shoeForRun(ctx.db, viewerId, data.shoeId);
      const rows = await ctx.db.query(
        `INSERT INTO runs AS r (user_id, shoe_id, name, started_at, distance, duration, elevation_gain, average_heart_rate, environment, visibility, notes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${RUN_COLUMNS}`,
        [viewerId, shoeId, data.name, data.startedAt, data.distance, data.duration, data.elevationGain, data.averageHeartRate, data.environment, data.visibility, data.notes],
      );
      return hydrate(Run, rows)[0];
    });
  }

  async update(ctx: RequestContext, id: string, input: unknown): Promise<Run> {
    const viewerId = requireViewer(ctx);
    const changes = parseInput(runChangesSchema, input);
    return ctx.db.transaction(async () => {
      const run = await this.ownRunForUpdate(ctx, viewerId, parseId(id));
      const next = { ...run, ...definedOnly(changes) };
      assertHumanPace(next.distance, next.duration);
      const shoeId = await this.shoes.shoeForRun(ctx.db, viewerId, changes.shoeId, run.shoeId);
      const rows = await ctx.db.query(
        `UPDATE runs AS r SET shoe_id = $2, name = $3, started_at = $4, distance = $5, duration = $6, elevation_gain = $7,
                average_heart_rate = $8, environment = $9, visibility = $10, notes = $11, updated_at = now()
          WHERE r.id = $1 RETURNING ${RUN_COLUMNS}`,
        [run.id, shoeId, next.name, next.startedAt, next.distance, next.duration, next.elevationGain, next.averageHeartRate, next.environment, next.visibility, next.notes],
      );
      ctx.loaders.visibleRunById.clear(run.id);
      return hydrate(Run, rows)[0];
    });
  }

  async delete(ctx: RequestContext, id: string): Promise<string> {
    const viewerId = requireViewer(ctx);
    return ctx.db.transaction(async () => {
      const run = await this.ownRunForUpdate(ctx, viewerId, parseId(id));
      await ctx.db.query(`DELETE FROM runs WHERE id = $1`, [run.id]);
      ctx.loaders.visibleRunById.clear(run.id);
      return run.id;
    });
  }

  /**
   * The viewer's run, locked for a write. Someone else's is FORBIDDEN when the viewer may
   * see it and NOT_FOUND when not, so an error never reveals a hidden run.
   */
  private async ownRunForUpdate(ctx: RequestContext, viewerId: string, id: string): Promise<Run> {
    const rows = await ctx.db.query(`SELECT ${RUN_COLUMNS} FROM runs r WHERE r.id = $1 AND r.user_id = $2 FOR UPDATE`, [id, viewerId]);
    const run = hydrate(Run, rows)[0];
    if (run) return run;
    throw (await ctx.loaders.visibleRunById.load(id)) ? forbidden('That run is not yours') : notFound('Run');
  }
}

/** Drops keys whose value is undefined (not given), keeping explicit nulls (cleared). */
function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
