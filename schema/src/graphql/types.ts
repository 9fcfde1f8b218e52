import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Run } from '../entities/run.entity';
import { User } from '../entities/user.entity';
import { CountedConnectionType } from './connection';

@ObjectType({ description: "Totals over a runner's runs in a period (only runs the viewer may see).", simpleResolvers: true })
export class RunStats {
  @Field(() => Int, { description: 'How many runs.' }) runCount!: number;
  /** Metres. */
  @Field(() => Float, { description: 'Metres.' }) distance!: number;
  /** Seconds. */
  @Field(() => Int, { description: 'Moving time, seconds.' }) duration!: number;
  @Field(() => Float, { description: 'Total climb, metres.' }) elevationGain!: number;
  /** Seconds per km over the period; null without distance. */
  @Field(() => Float, { description: 'Seconds per km over the period; null without distance.', nullable: true }) averagePace!:
    | number
    | null;
}

@ObjectType({ description: 'One kilometre (or one mile, see Run.splits) of a run with a track.', simpleResolvers: true })
export class Split {
  @Field(() => Int, { description: 'Which kilometre or mile, from 1.' }) index!: number;
  @Field(() => Float, { description: 'Metres (1000 for a kilometre, 1609.344 for a mile, or less for the last split).' })
  distance!: number;
  @Field(() => Int, { description: 'Seconds.' }) duration!: number;
  @Field(() => Float, { description: 'Seconds per km.' }) pace!: number;
  @Field(() => Float, { description: 'Climb within the split, metres; null without elevation data.', nullable: true }) elevationGain!:
    | number
    | null;
}

@ObjectType({
  description: "One of the run's laps as its device recorded them (a TCX lap, a FIT lap message): auto-laps and lap-button presses alike.",
  simpleResolvers: true,
})
export class Lap {
  @Field(() => Int, { description: 'Which lap, from 1, in the order recorded.' }) index!: number;
  @Field(() => Float, { description: 'Metres.' }) distance!: number;
  @Field(() => Int, { description: "Timer seconds (the device's own, its pauses left out); the laps add up to the device's total." })
  duration!: number;
  @Field(() => Float, { description: 'Seconds per km, like Run.pace; 0 for a lap without distance.' }) pace!: number;
  @Field(() => Int, { description: 'Average heart rate, beats per minute; null when not recorded.', nullable: true })
  averageHeartRate!: number | null;
  @Field(() => Int, { description: 'Average cadence, steps per minute; null when not recorded.', nullable: true })
  averageCadence!: number | null;
}

@ObjectType({
  description: 'What signing in (or up, or resetting a password) returns: a bearer token and the runner it belongs to.',
  simpleResolvers: true,
})
export class AuthPayload {
  @Field(() => String, {
    description:
      "A bearer token for the new session: send it as `Authorization: Bearer <token>`. Valid for the server's JWT_TTL_SECONDS (default 7 days) unless the session is revoked sooner.",
  })
  token!: string;
  @Field(() => User, { description: 'The signed-in runner.' }) user!: User;
}

export const RunConnection = CountedConnectionType('Run', Run);
export type RunConnection = InstanceType<typeof RunConnection>;
