import { Ctx, FieldResolver, Float, Resolver, Root } from 'type-graphql';
import { paceSecondsPerKm, trackOf } from '@maratron/domain';
import { Run, Shoe, Split, User } from '@maratron/schema';
import type { RequestContext } from '@maratron/core';

@Resolver(() => Run)
export class RunResolver {
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
    description: '[lat, lon, elevation?] points when imported from a file; null otherwise (also for a file without positions, e.g. a treadmill).',
  })
  async track(@Root() run: Run, @Ctx() ctx: RequestContext) {
    const recording = await ctx.loaders.runRecording.load(run.id);
    return recording ? trackOf(recording) : null;
  }
}
