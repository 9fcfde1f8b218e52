import { Arg, Ctx, Extensions, FieldResolver, Float, Resolver, Root } from 'type-graphql';
import { paceSecondsPerKm, Units } from '@maratron/domain';
import { Lap, Run, Shoe, Split, User } from '@maratron/schema';
import type { RequestContext, RunsService } from '@maratron/core';
import { OWNER_VIEW } from '../subscriptions/per-viewer';

@Resolver(() => Run)
export class RunResolver {
  constructor(private readonly runs: RunsService) {}

  @FieldResolver(() => User, { description: 'The runner it belongs to.' })
  async user(@Root() run: Run, @Ctx() ctx: RequestContext) {
    return ctx.loaders.userById.load(run.userId);
  }

  @FieldResolver(() => Shoe, {
    description: 'The shoe it was run in; null when none.',
    nullable: true,
  })
  shoe(@Root() run: Run, @Ctx() ctx: RequestContext) {
    return run.shoeId ? ctx.loaders.shoeById.load(run.shoeId) : null;
  }

  @FieldResolver(() => Float, { description: 'Seconds per km: duration / (distance / 1000).' })
  pace(@Root() run: Run) {
    return paceSecondsPerKm(run.distance, run.duration);
  }

  @FieldResolver(() => [Split], {
    description:
      'Splits per kilometre (METRIC) or per mile (IMPERIAL) when the run was imported from a file; empty otherwise. They add up to the run (a last partial split over 50 m included); pace stays in seconds per km.',
  })
  splits(
    @Root() run: Run,
    @Ctx() ctx: RequestContext,
    @Arg('unit', () => Units, {
      nullable: true,
      defaultValue: Units.METRIC,
      description: 'Split length: a kilometre (METRIC) or a mile (IMPERIAL); null is METRIC.',
    })
    unit: Units | null,
  ) {
    return (unit === Units.IMPERIAL ? ctx.loaders.runMileSplits : ctx.loaders.runSplits).load(run.id);
  }

  @FieldResolver(() => [Lap], {
    description:
      "The device's laps (TCX laps, FIT lap messages), in order; empty for a run without them (typed in, or from a GPX file). As visible as the run: laps hold no position.",
  })
  laps(@Root() run: Run, @Ctx() ctx: RequestContext) {
    return ctx.loaders.runLaps.load(run.id);
  }

  // The owner sees the whole track; everyone else sees it without the owner's privacy zones, or
  // nothing of a hidden map (maratron_run_track): what the live dispatcher must not share between them.
  @Extensions(OWNER_VIEW)
  @FieldResolver(() => [[Float]], {
    nullable: true,
    description:
      '[lat, lon, elevation?] points when imported from a file; null otherwise (also for a file without positions, e.g. a treadmill). ' +
      "At most the server's TRACK_MAX_POINTS_PER_RESPONSE points (default 2000): a longer recording is thinned evenly, first and last point kept; the full recording is GET /api/runs/:id.gpx. " +
      "For anyone but the owner, points inside the owner's privacy zones are left out, and a run with hideTrack has none (null).",
  })
  track(@Root() run: Run, @Ctx() ctx: RequestContext) {
    return this.runs.track(ctx, run);
  }
}
