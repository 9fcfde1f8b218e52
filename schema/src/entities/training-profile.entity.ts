import { Field, Float, Int, ObjectType } from 'type-graphql';
import { TrainingLevel, Weekday } from '../graphql/enums';

/**
 * What the coach and the plan generator know about a runner beyond their runs (table
 * `training_profiles`). A table of its own (not columns on users) because it is private:
 * profiles are public, this is not.
 */
@ObjectType({
  description: 'What the coach and the plan generator know about a runner beyond their runs. Visible to its owner only.',
  simpleResolvers: true,
})
export class TrainingProfile {
  userId!: string;

  @Field(() => TrainingLevel, { description: 'How experienced the runner says they are; null when not said.', nullable: true })
  level!: TrainingLevel | null;

  @Field(() => [String], { description: "The runner's goals in their own words (at most 10)." })
  goals!: string[];

  /** Metres per week. */
  @Field(() => Float, { description: 'Metres per week the runner aims for; null when none.', nullable: true })
  weeklyDistanceGoal!: number | null;

  @Field(() => [Weekday], { description: 'Days the runner prefers to train.' })
  preferredDays!: Weekday[];

  @Field(() => Int, { description: 'Years the runner has been running; null when not said.', nullable: true })
  yearsRunning!: number | null;

  @Field(() => String, { description: 'Injuries or limits the coach should know; null when none.', nullable: true })
  injuryNotes!: string | null;

  /** As set by the runner (bpm); the GraphQL fields give the estimate when unset (TrainingProfileHeartRateResolver). */
  maxHeartRate!: number | null;
  restingHeartRate!: number | null;
  @Field(() => String, {
    description:
      'The runner\'s IANA time zone (e.g. "Europe/London"): weeks (Monday first), months, years and days are counted in it. UTC until set.',
  })
  timeZone!: string;
}
