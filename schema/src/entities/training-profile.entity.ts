import { Field, Float, Int, ObjectType } from 'type-graphql';
import { TrainingLevel, Weekday } from '../graphql/enums';

/**
 * What the coach and the plan generator know about a runner beyond their runs (table
 * `training_profiles`). A table of its own (not columns on users) because it is private:
 * profiles are public, this is not.
 */
@ObjectType({ simpleResolvers: true })
export class TrainingProfile {
  userId!: string;

  @Field(() => TrainingLevel, { nullable: true })
  level!: TrainingLevel | null;

  @Field(() => [String])
  goals!: string[];

  /** Metres per week. */
  @Field(() => Float, { nullable: true })
  weeklyDistanceGoal!: number | null;

  @Field(() => [Weekday])
  preferredDays!: Weekday[];

  @Field(() => Int, { nullable: true })
  yearsRunning!: number | null;

  @Field(() => String, { nullable: true })
  injuryNotes!: string | null;
}
