import { Ctx, FieldResolver, Float, Resolver, Root } from 'type-graphql';
import { paceSecondsPerKm } from '@maratron/domain';
import { Run, Shoe, Split, User } from '@maratron/schema';
import type { RequestContext, RunsService } from '@maratron/core';

@Resolver(() => Run)
export class RunResolver {
  constructor(private readonly runs: RunsService) {}

  @FieldResolver(() => User)
  async user(@Root() run: Run, @Ctx() ctx: RequestContext) {
    return ctx.loaders.userById.load(run.userId);
  }

  @FieldResolver(() => Shoe, { nullable: true })
  shoe(@Root() run: Run, @Ctx() ctx: RequestContext) {
    return run.shoeId ? ctx.loaders.shoeById.load(run.shoeId) : null;
  }

  @FieldResolver(() => Float, { description: 'Seconds per km: duration / (distance / 1000).' })
  pace(@Root() run: Run) {
    return paceSecondsPerKm(run.distance, run.duration);
  }

  @FieldResolver(() => [Split], { description: 'Per-kilometre splits when the run has a track; empty otherwise.' })
  splits(@Root() run: Run, @Ctx() ctx: RequestContext) {
    return ctx.loaders.runSplits.load(run.id);
  }

  @FieldResolver(() => [[Float]], {
    nullable: true,
    description:
      '[lat, lon, elevation?] points when imported from a file; null otherwise (also for a file without positions, e.g. a treadmill). ' +
      "At most the server's TRACK_MAX_POINTS_PER_RESPONSE points (default 2000): a longer recording is thinned evenly, first and last point kept; the full recording is GET /api/runs/:id.gpx.",
  })
  track(@Root() run: Run, @Ctx() ctx: RequestContext) {
    return this.runs.track(ctx, run);
  }
}
