import { Field, InputType, Int } from 'type-graphql';
import { RaceDistance } from '@maratron/domain';

@InputType({ description: 'The race a plan trains for.' })
export class TrainingPlanInput {
  @Field(() => RaceDistance, { description: 'The race distance.' }) goal!: RaceDistance;
  @Field(() => Date, { description: 'The race day, in the future.' }) raceDate!: Date;
  @Field(() => Int, { description: 'The finishing time aimed for, seconds (at most 24 hours).', nullable: true }) targetDuration?:
    | number
    | null;
  @Field(() => Int, { description: 'Training days a week, 3–7.', nullable: true, defaultValue: 4 }) daysPerWeek?: number | null;
}
