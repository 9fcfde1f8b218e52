import { zoneTimes } from '@maratron/domain';
import type { ZoneTime } from '@maratron/domain';
import type { Run } from '@maratron/schema';
import type { RequestContext } from '../context';
import type { ViewerHeartRateLimits } from './heart-rates';

/**
 * Heart-rate zones (zoneTimes over the stored per-run histograms) for the viewer's own runs.
 * Others' runs have none: the zone bounds come from the runner's private max and resting heart
 * rate, and run_heart_rates is owner-only, like the track it comes from.
 */
export class HeartRatesService {
  /** The viewer's max and resting heart rate, set or estimated; null when neither is known. */
  limits(ctx: RequestContext): Promise<ViewerHeartRateLimits | null> {
    return ctx.loaders.viewerHeartRateLimits();
  }

  /** Time in each zone of one run; empty without heart rate, without limits, or for someone else's run. */
  async runZones(ctx: RequestContext, run: Run): Promise<ZoneTime[]> {
    if (!ctx.viewerId || run.userId !== ctx.viewerId) return [];
    const [histogram, limits] = await Promise.all([ctx.loaders.runHeartRates.load(run.id), this.limits(ctx)]);
    return histogram && limits ? zoneTimes([histogram], limits) : [];
  }
}
