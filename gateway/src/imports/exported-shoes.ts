// A Maratron export's shoes.json, brought back by the bulk import: the shoes are restored before
// the runs (which name them by their old ids), and those that were retired are retired after,
// since a retired shoe can't be given to a run.
import type { RequestContext, ShoesService } from '@maratron/core';
import type { ExportedShoe } from '@maratron/domain';
import { readExportFile } from './archive';

export type { ExportedShoe };

export function parseExportedShoes(bytes: Buffer): ExportedShoe[] {
  return readExportFile(bytes, 'shoes.json').shoes;
}

/**
 * The runner's shoe for each exported one, by exported id: one of theirs with the same name and
 * brand (so importing the same export twice, or resuming a job, adds no second pair), or a new one
 * with the same life and starting distance. The export's default shoe becomes the default only in
 * an account that has no shoes yet. A shoe the rules refuse is left out: its runs get none.
 */
export async function restoreShoes(
  ctx: RequestContext,
  shoes: ShoesService,
  userId: string,
  exported: ExportedShoe[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  if (!exported.length) return ids;
  const owned = await shoes.list(ctx, userId, true);
  const freshAccount = owned.length === 0;
  for (const shoe of exported) {
    const same = owned.find((s) => s.name === shoe.name && (s.brand ?? null) === (shoe.brand ?? null));
    if (same) {
      ids.set(shoe.id, same.id);
      continue;
    }
    const created = await shoes
      .create(ctx, {
        name: shoe.name,
        brand: shoe.brand,
        maxDistance: shoe.maxDistance,
        initialDistance: shoe.initialDistance,
        isDefault: freshAccount && shoe.isDefault && !shoe.retired,
      })
      .catch(() => null);
    if (created) ids.set(shoe.id, created.id);
  }
  return ids;
}

/** Retires the restored shoes that were retired in the export, once their runs are in. */
export async function retireRestoredShoes(
  ctx: RequestContext,
  shoes: ShoesService,
  userId: string,
  exported: ExportedShoe[],
  ids: Map<string, string>,
): Promise<void> {
  const owned = new Map((await shoes.list(ctx, userId, true)).map((s) => [s.id, s]));
  for (const shoe of exported) {
    const mine = owned.get(ids.get(shoe.id) ?? '');
    if (shoe.retired && mine && !mine.retired) await shoes.retire(ctx, mine.id);
  }
}
