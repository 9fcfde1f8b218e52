import { Field, Float, Int, ObjectType } from 'type-graphql';
import { RaceDistance } from './enums';
import { Run } from '../entities/run.entity';

// Training intelligence: activity files in, weekly volume, records, VDOT, predictions and load out.
// String values equal their names, as for the other enums.

@ObjectType({ description: "The viewer's running in one ISO week." })
export class WeeklyVolume {
  /** Monday 00:00 UTC. */
  @Field(() => Date, { description: 'Monday 00:00 UTC of the week.' }) weekStart!: Date;
  @Field(() => Float, { description: 'Metres.' }) distance!: number;
  @Field(() => Int, { description: 'Moving time, seconds.' }) duration!: number;
  @Field(() => Int, { description: 'How many runs.' }) runCount!: number;
}

@ObjectType({ description: "The viewer's fastest time over a race distance, found inside their runs." })
export class PersonalRecord {
  @Field(() => RaceDistance, { description: 'The race distance.' }) distance!: RaceDistance;
  /** Seconds: the fastest effort over the distance, anywhere inside a run. */
  @Field(() => Int, { description: 'The fastest time over it, seconds.' }) duration!: number;
  @Field(() => Run, { description: 'The run it was set in.' }) run!: Run;
}

@ObjectType({ description: 'A predicted race time.' })
export class RacePrediction {
  @Field(() => RaceDistance, { description: 'The race distance.' }) distance!: RaceDistance;
  @Field(() => Int, { description: 'The predicted time, seconds.' }) duration!: number;
}

@ObjectType({
  description: 'One day of the acute/chronic training load (load: minutes weighted by intensity; an hour at threshold scores 100).',
})
export class TrainingLoad {
  /** 00:00 UTC of the day. */
  @Field(() => Date, { description: 'The day (midnight UTC).' }) date!: Date;
  @Field(() => Float, { description: 'The acute (7-day exponentially weighted) daily load.' }) acute!: number;
  @Field(() => Float, { description: 'The chronic (42-day exponentially weighted) daily load.' }) chronic!: number;
  @Field(() => Float, { description: 'chronic − acute: negative when training harder than usual, positive when fresher.' })
  balance!: number;
}

/**
 * The viewer's training summary. Its fields are resolved lazily by the gateway's
 * TrainingSummaryResolver, so a client asking for the weeks alone computes nothing else.
 */
@ObjectType({ description: "The viewer's own training: volume, records, fitness estimates and load. Visible to its owner only." })
export class TrainingSummary {
  ownerId!: string;
  /** How many ISO weeks, ending with the current one. */
  weekCount!: number;
  /** The instant the summary describes (every part uses the same one). */
  asOf!: Date;
}
