import { Field, Float, Int, ObjectType } from 'type-graphql';
import { RaceDistance } from './enums';
import { Run } from '../entities/run.entity';

// Training intelligence: activity files in, weekly volume, records, VDOT, predictions and load out.
// String values equal their names, as for the other enums.

@ObjectType()
export class WeeklyVolume {
  /** Monday 00:00 UTC. */
  @Field(() => Date) weekStart!: Date;
  @Field(() => Float) distance!: number;
  @Field(() => Int) duration!: number;
  @Field(() => Int) runCount!: number;
}

@ObjectType()
export class PersonalRecord {
  @Field(() => RaceDistance) distance!: RaceDistance;
  /** Seconds: the fastest effort over the distance, anywhere inside a run. */
  @Field(() => Int) duration!: number;
  @Field(() => Run) run!: Run;
}

@ObjectType()
export class RacePrediction {
  @Field(() => RaceDistance) distance!: RaceDistance;
  @Field(() => Int) duration!: number;
}

@ObjectType()
export class TrainingLoad {
  /** 00:00 UTC of the day. */
  @Field(() => Date) date!: Date;
  @Field(() => Float) acute!: number;
  @Field(() => Float) chronic!: number;
  @Field(() => Float) balance!: number;
}

/**
 * The viewer's training summary. Its fields are resolved lazily by the gateway's
 * TrainingSummaryResolver, so a client asking for the weeks alone computes nothing else.
 */
@ObjectType()
export class TrainingSummary {
  ownerId!: string;
  /** How many ISO weeks, ending with the current one. */
  weekCount!: number;
  /** The instant the summary describes (every part uses the same one). */
  asOf!: Date;
}
