import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { TrainingSummary } from '@maratron/schema';
import type { RequestContext, TrainingService } from '@maratron/core';

@Resolver()
export class TrainingResolver {
  constructor(private readonly training: TrainingService) {}

  @Query(() => TrainingSummary, {
    description: "The viewer's own training: weekly volume, records, VDOT, predictions, load and shoe alerts. weeks: 1–260.",
  })
  trainingSummary(
    @Ctx() ctx: RequestContext,
    @Arg('weeks', () => Int, { description: 'How many weeks back, 1–260.', nullable: true, defaultValue: 12 }) weeks: number | null,
  ) {
    return this.training.summary(ctx, weeks);
  }
}
