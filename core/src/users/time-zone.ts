import { DEFAULT_TIME_ZONE } from '@maratron/domain';
import { requireViewer } from '../context';
import type { RequestContext } from '../context';

/**
 * The zone the viewer's calendar is counted in: their training profile's, UTC without one. Every
 * period a request reports (weekly volume, stats, leaderboards, load days, plan dates) is the
 * viewer's own, even over another runner's runs (whose profile is private to them), so two
 * runners on one board are ranked over the same instants. Loaded once per request (DataLoader).
 */
export async function viewerTimeZone(ctx: RequestContext): Promise<string> {
  const profile = await ctx.loaders.trainingProfile.load(requireViewer(ctx));
  return profile?.timeZone ?? DEFAULT_TIME_ZONE;
}
