import { Field, InputType, Int } from 'type-graphql';
import { RaceDistance } from '@maratron/domain';

@InputType()
export class TrainingPlanInput {
  @Field(() => RaceDistance) goal!: RaceDistance;
  @Field(() => Date) raceDate!: Date;
  @Field(() => Int, { nullable: true }) targetDuration?: number | null;
  @Field(() => Int, { nullable: true, defaultValue: 4 }) daysPerWeek?: number | null;
}
