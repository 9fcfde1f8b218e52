import { Ctx, Extensions, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { DEFAULT_RESTING_HEART_RATE } from '@maratron/domain';
import { Run, TrainingProfile, TrainingSummary, ZoneTime } from '@maratron/schema';
import type { HeartRatesService, RequestContext, TrainingService } from '@maratron/core';
import { OWNER_VIEW, PER_VIEWER } from '../subscriptions/per-viewer';

/** A run's heart-rate zones: its runner's alone (zones come from their private max and resting heart rate). */
@Resolver(() => Run)
export class RunHeartRatesResolver {
  constructor(private readonly heartRates: HeartRatesService) {}

  @Extensions(OWNER_VIEW)
  @FieldResolver(() => [ZoneTime], {
    description:
      "Moving time in each heart-rate zone (1–5), from the track's heart rate; they add up to the moving time with heart rate. Empty without heart rate, and for anyone but its runner.",
  })
  heartRateZones(@Root() run: Run, @Ctx() ctx: RequestContext) {
    return this.heartRates.runZones(ctx, run);
  }
}

/** The max and resting heart rate the zones and the load use: the runner's, or estimated. */
@Resolver(() => TrainingProfile)
export class TrainingProfileHeartRatesResolver {
  constructor(private readonly heartRates: HeartRatesService) {}

  @Extensions(PER_VIEWER)
  @FieldResolver(() => Int, {
    nullable: true,
    description:
      'Max heart rate, bpm: set by the runner, or estimated from their recorded runs (the highest heart rate held for a minute in a run of the last 365 days); null when neither.',
  })
  async maxHeartRate(@Root() profile: TrainingProfile, @Ctx() ctx: RequestContext) {
    return profile.maxHeartRate ?? (await this.heartRates.limits(ctx))?.max ?? null;
  }

  @FieldResolver(() => Boolean, { description: 'True when maxHeartRate is estimated from the runs rather than set by the runner.' })
  maxHeartRateEstimated(@Root() profile: TrainingProfile) {
    return profile.maxHeartRate === null;
  }

  // Nullable as the contract has it, though it always has a value (the default when unset).
  @FieldResolver(() => Int, {
    nullable: true,
    description: `Resting heart rate, bpm: set by the runner, else ${DEFAULT_RESTING_HEART_RATE}.`,
  })
  restingHeartRate(@Root() profile: TrainingProfile) {
    return profile.restingHeartRate ?? DEFAULT_RESTING_HEART_RATE;
  }

  @FieldResolver(() => Boolean, {
    description: `True when restingHeartRate is the default (${DEFAULT_RESTING_HEART_RATE}) rather than set.`,
  })
  restingHeartRateEstimated(@Root() profile: TrainingProfile) {
    return profile.restingHeartRate === null;
  }
}

@Resolver(() => TrainingSummary)
export class TrainingSummaryHeartRatesResolver {
  constructor(private readonly training: TrainingService) {}

  @FieldResolver(() => [ZoneTime], {
    description:
      "Moving time in each heart-rate zone over the summary's weeks: the sum of its runs' heartRateZones; empty without heart rate.",
  })
  heartRateZones(@Root() summary: TrainingSummary, @Ctx() ctx: RequestContext) {
    return this.training.heartRateZones(ctx, summary);
  }
}
