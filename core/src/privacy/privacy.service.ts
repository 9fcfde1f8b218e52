import { badInput, notFound, parseId, parseInput, privacyZoneSchema } from '@maratron/domain';
import { PrivacyZone } from '@maratron/schema';
import { requireViewer } from '../context';
import type { RequestContext } from '../context';
import { hydrate } from '../database/rows';
import { PRIVACY_ZONE_COLUMNS } from './privacy.sql';

/**
 * A runner's privacy zones: circles around places they keep to themself. This service only keeps
 * the list (the runner's own, nobody else ever reads it); what the zones hide is decided in the
 * database, at every read of a track, by maratron_run_track (see RunsService.track), so a zone
 * added now applies to every run already stored, on every path.
 */
export class PrivacyService {
  constructor(
    /** PRIVACY_ZONES_MAX: how many zones one runner may keep. */
    private readonly zonesMax: number,
  ) {}

  /** The viewer's zones, oldest first. */
  async zones(ctx: RequestContext): Promise<PrivacyZone[]> {
    const viewerId = requireViewer(ctx);
    const rows = await ctx.db.query<PrivacyZone>(
      `SELECT ${PRIVACY_ZONE_COLUMNS} FROM privacy_zones z WHERE z.user_id = $1 ORDER BY z.created_at, z.id`,
      [viewerId],
    );
    return hydrate(PrivacyZone, rows);
  }

  /** A new zone, within the rules (PrivacyZoneInput) and the per-runner cap; BAD_USER_INPUT stores nothing. */
  async add(ctx: RequestContext, input: unknown): Promise<PrivacyZone> {
    const viewerId = requireViewer(ctx);
    const data = parseInput(privacyZoneSchema, input);
    return ctx.db.transaction(async () => {
      // Two adds racing for the last place take turns on the runner's row: the second counts the first.
      await ctx.db.execute(`SELECT 1 FROM users WHERE id = $1 FOR NO KEY UPDATE`, [viewerId]);
      const [{ n }] = await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM privacy_zones WHERE user_id = $1`, [viewerId]);
      if (n >= this.zonesMax) {
        throw badInput('input', `You can keep at most ${this.zonesMax} privacy zones; remove one to add another`);
      }
      const rows = await ctx.db.query<PrivacyZone>(
        `INSERT INTO privacy_zones AS z (user_id, name, latitude, longitude, radius) VALUES ($1, $2, $3, $4, $5) RETURNING ${PRIVACY_ZONE_COLUMNS}`,
        [viewerId, data.name, data.latitude, data.longitude, data.radius],
      );
      return hydrate(PrivacyZone, rows)[0];
    });
  }

  /** Removes one of the viewer's zones; anyone else's id is NOT_FOUND, like one that never was. */
  async remove(ctx: RequestContext, id: string): Promise<string> {
    const viewerId = requireViewer(ctx);
    const zoneId = parseId(id);
    const removed = await ctx.db.execute(`DELETE FROM privacy_zones WHERE id = $1 AND user_id = $2`, [zoneId, viewerId]);
    if (!removed) throw notFound('Privacy zone');
    return zoneId;
  }
}
