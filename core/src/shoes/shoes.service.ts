import { badInput, forbidden, newShoeSchema, notFound, parseId, parseInput, shoeChangesSchema, shoeWear } from '@maratron/domain';
import { Shoe } from '@maratron/schema';
import type { RequestDb } from '../database/request-db';
import { requireViewer } from '../context';
import type { RequestContext } from '../context';
import { hydrate } from '../database/rows';
import { publishAfterCommit } from '../events';
import type { EventBus } from '../events';
import { SHOE_COLUMNS } from './shoes.sql';

export class ShoesService {
  constructor(private readonly events: EventBus) {}

  async list(ctx: RequestContext, ownerId: string, includeRetired: boolean): Promise<Shoe[]> {
    requireViewer(ctx);
    const shoes = await ctx.loaders.shoesByOwner.load(ownerId);
    return includeRetired ? shoes : shoes.filter((s) => !s.retired);
  }

  async usage(ctx: RequestContext, shoe: Shoe) {
    const { distance, runCount } = await ctx.loaders.shoeUsage.load(shoe.id);
    return { distance, runCount, usage: distance / shoe.maxDistance };
  }

  /** Active shoes at or past the alert share of their life (shoeWear: alert or retire). */
  async alerts(ctx: RequestContext): Promise<Shoe[]> {
    const shoes = await this.list(ctx, requireViewer(ctx), false);
    const usage = await Promise.all(shoes.map((s) => this.usage(ctx, s)));
    return shoes.filter((_, i) => shoeWear(usage[i].usage) !== 'ok');
  }

  async create(ctx: RequestContext, input: unknown): Promise<Shoe> {
    const viewerId = requireViewer(ctx);
    const data = parseInput(newShoeSchema, input);
    return ctx.db.transaction(async () => {
      if (data.isDefault) await clearDefault(ctx.db, viewerId);
      const rows = await ctx.db.query<Shoe>(
        `INSERT INTO shoes AS s (user_id, name, brand, max_distance, initial_distance, is_default)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${SHOE_COLUMNS}`,
        [viewerId, data.name, data.brand, data.maxDistance, data.initialDistance, data.isDefault],
      );
      ctx.loaders.shoesByOwner.clear(viewerId);
      publishAfterCommit(ctx.db, this.events, 'shoe.changed', { userId: viewerId });
      return hydrate(Shoe, rows)[0];
    });
  }

  async update(ctx: RequestContext, id: string, input: unknown): Promise<Shoe> {
    const viewerId = requireViewer(ctx);
    const changes = parseInput(shoeChangesSchema, input);
    return ctx.db.transaction(async () => {
      const shoe = await ownShoeForUpdate(ctx, viewerId, parseId(id));
      if (changes.isDefault && shoe.retired) throw badInput('isDefault', 'A retired shoe cannot be the default');
      if (changes.isDefault) await clearDefault(ctx.db, viewerId);
      const rows = await ctx.db.query<Shoe>(
        `UPDATE shoes AS s SET name = coalesce($2, s.name), brand = CASE WHEN $3::boolean THEN $4 ELSE s.brand END,
                max_distance = coalesce($5, s.max_distance), is_default = coalesce($6, s.is_default), updated_at = now()
          WHERE s.id = $1 RETURNING ${SHOE_COLUMNS}`,
        [
          shoe.id,
          changes.name ?? null,
          changes.brand !== undefined,
          changes.brand ?? null,
          changes.maxDistance ?? null,
          changes.isDefault ?? null,
        ],
      );
      ctx.loaders.shoesByOwner.clear(viewerId);
      ctx.loaders.shoeById.clear(shoe.id);
      publishAfterCommit(ctx.db, this.events, 'shoe.changed', { userId: viewerId });
      return hydrate(Shoe, rows)[0];
    });
  }

  /** Retiring the default shoe clears the default: later runs that name no shoe get none. */
  async retire(ctx: RequestContext, id: string): Promise<Shoe> {
    const viewerId = requireViewer(ctx);
    return ctx.db.transaction(async () => {
      const shoe = await ownShoeForUpdate(ctx, viewerId, parseId(id));
      const rows = await ctx.db.query<Shoe>(
        `UPDATE shoes AS s SET retired = true, is_default = false, updated_at = now() WHERE s.id = $1 RETURNING ${SHOE_COLUMNS}`,
        [shoe.id],
      );
      ctx.loaders.shoesByOwner.clear(viewerId);
      ctx.loaders.shoeById.clear(shoe.id);
      publishAfterCommit(ctx.db, this.events, 'shoe.changed', { userId: viewerId });
      return hydrate(Shoe, rows)[0];
    });
  }

  /**
   * The shoe a run gets. An explicit id must be one of the runner's active shoes (or the
   * run's current one, which may have retired since); no id at all means the default shoe,
   * if there is one; null means no shoe.
   */
  async shoeForRun(
    db: RequestDb,
    ownerId: string,
    shoeId: string | null | undefined,
    currentShoeId?: string | null,
  ): Promise<string | null> {
    if (shoeId === null) return null;
    if (shoeId === undefined) {
      if (currentShoeId !== undefined) return currentShoeId;
      const rows = await db.query<{ id: string }>(`SELECT id FROM shoes WHERE user_id = $1 AND is_default AND NOT retired`, [ownerId]);
      return rows[0]?.id ?? null;
    }
    const rows = await db.query<{ id: string; userId: string; retired: boolean }>(
      `SELECT id, user_id AS "userId", retired FROM shoes WHERE id = $1`,
      [shoeId],
    );
    const shoe = rows[0];
    if (!shoe || shoe.userId !== ownerId) throw badInput('shoeId', 'You have no such shoe');
    if (shoe.retired && shoe.id !== currentShoeId) throw badInput('shoeId', 'That shoe is retired');
    return shoe.id;
  }
}

async function clearDefault(db: RequestDb, ownerId: string) {
  await db.execute(`UPDATE shoes SET is_default = false, updated_at = now() WHERE user_id = $1 AND is_default`, [ownerId]);
}

/** The viewer's shoe, locked for a write; someone else's (shoes are public) is FORBIDDEN. */
async function ownShoeForUpdate(ctx: RequestContext, viewerId: string, id: string): Promise<Shoe> {
  const rows = await ctx.db.query<Shoe>(`SELECT ${SHOE_COLUMNS} FROM shoes s WHERE s.id = $1 AND s.user_id = $2 FOR UPDATE`, [
    id,
    viewerId,
  ]);
  const shoe = hydrate(Shoe, rows)[0];
  if (shoe) return shoe;
  throw (await ctx.loaders.shoeById.load(id)) ? forbidden('That shoe is not yours') : notFound('Shoe');
}
