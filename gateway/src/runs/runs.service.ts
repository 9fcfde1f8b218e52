import {
  assertHumanPace,
  canView,
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
import { publishAfterCommit } from '../events';
import type { EventBus } from '../events';
import type { ShoesService } from '../shoes/shoes.service';
import type { PostsService } from '../social/posts.service';
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
  ) {}

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
      const run = hydrate(Run, rows)[0];
      if (data.share) await this.posts.shareRun(ctx, run);
      publishAfterCommit(ctx.db, this.events, 'run.created', { runId: run.id, userId: viewerId });
      return run;
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
      publishAfterCommit(ctx.db, this.events, 'leaderboard.changed', { userId: viewerId });
      return hydrate(Run, rows)[0];
    });
  }

  async delete(ctx: RequestContext, id: string): Promise<string> {
    const viewerId = requireViewer(ctx);
    return ctx.db.transaction(async () => {
      const run = await this.ownRunForUpdate(ctx, viewerId, parseId(id));
      await ctx.db.query(`DELETE FROM runs WHERE id = $1`, [run.id]);
      ctx.loaders.visibleRunById.clear(run.id);
      publishAfterCommit(ctx.db, this.events, 'leaderboard.changed', { userId: viewerId });
      return run.id;
    });
  }

  /** The viewer's run, locked for a write; someone else's is FORBIDDEN if visible, else NOT_FOUND. */
  private async ownRunForUpdate(ctx: RequestContext, viewerId: string, id: string): Promise<Run> {
    const rows = await ctx.db.query(`SELECT ${RUN_COLUMNS} FROM runs r WHERE r.id = $1 FOR UPDATE`, [id]);
    const run = hydrate(Run, rows)[0];
    if (!run) throw notFound('Run');
    if (run.userId !== viewerId) {
      const follows = await ctx.loaders.viewerFollows.load(run.userId);
      throw canView(viewerId, run, follows) ? forbidden('That run is not yours') : notFound('Run');
    }
    return run;
  }
}

/** Drops keys whose value is undefined (not given), keeping explicit nulls (cleared). */
function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
