import { Ctx, FieldResolver, Float, Resolver, Root } from 'type-graphql';
import { PersonalRecord, RacePrediction, Shoe, TrainingLoad, TrainingSummary, WeeklyVolume } from '@maratron/schema';
import type { RequestContext, TrainingService } from '@maratron/core';

/** The parts of a TrainingSummary, each computed only when a client asks for it. */
@Resolver(() => TrainingSummary)
export class TrainingSummaryResolver {
  constructor(private readonly training: TrainingService) {}

  @FieldResolver(() => [WeeklyVolume], {
    description: 'Oldest first, one entry per ISO week (UTC, Monday first), zero weeks included, ending with the current week.',
  })
  weeks(@Root() summary: TrainingSummary, @Ctx() ctx: RequestContext) {
    return this.training.weeks(ctx, summary);
  }

  @FieldResolver(() => [PersonalRecord], {
    description: 'Fastest 5K, 10K, half and marathon found inside runs (from the track when a run has one), ever.',
  })
  personalRecords(@Root() summary: TrainingSummary, @Ctx() ctx: RequestContext) {
    return this.training.personalRecords(ctx, summary);
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Daniels VDOT from the best effort of the last 180 days; null without one.' })
  vdot(@Root() summary: TrainingSummary, @Ctx() ctx: RequestContext) {
    return this.training.vdot(ctx, summary);
  }

  @FieldResolver(() => [RacePrediction], { description: 'From VDOT (or Riegel where VDOT is undefined); empty without a recent effort.' })
  predictions(@Root() summary: TrainingSummary, @Ctx() ctx: RequestContext) {
    return this.training.predictions(ctx, summary);
  }

  @FieldResolver(() => [TrainingLoad], {
    description: 'Daily acute (7-day) / chronic (42-day) load from the first week to today, balance = chronic - acute.',
  })
  load(@Root() summary: TrainingSummary, @Ctx() ctx: RequestContext) {
    return this.training.load(ctx, summary);
  }

  @FieldResolver(() => [Shoe], { description: 'Active shoes with usage >= 0.8.' })
  shoeAlerts(@Ctx() ctx: RequestContext) {
    return this.training.shoeAlerts(ctx);
  }
}
