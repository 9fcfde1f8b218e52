import { Field, Float, InputType, Int } from 'type-graphql';
import { FollowPolicy, TrainingLevel, Units, Visibility, Weekday } from '@maratron/domain';

// Shapes only: the rules (lengths, ranges, formats) live in @maratron/schema's zod schemas,
// shared with the ai-server, and are applied by the service.

@InputType()
export class SignUpInput {
  @Field(() => String) email!: string;
  @Field(() => String) password!: string;
  @Field(() => String) name!: string;
  @Field(() => String) username!: string;
}

@InputType()
export class TrainingProfileInput {
  @Field(() => TrainingLevel, { nullable: true }) level?: TrainingLevel | null;
  @Field(() => [String], { nullable: true }) goals?: string[] | null;
  @Field(() => Float, { nullable: true }) weeklyDistanceGoal?: number | null;
  @Field(() => [Weekday], { nullable: true }) preferredDays?: Weekday[] | null;
  @Field(() => Int, { nullable: true }) yearsRunning?: number | null;
  @Field(() => String, { nullable: true }) injuryNotes?: string | null;
}

@InputType()
export class UpdateProfileInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) bio?: string | null;
  @Field(() => Units, { nullable: true }) units?: Units | null;
  @Field(() => String, { nullable: true }) username?: string | null;
  @Field(() => TrainingProfileInput, { nullable: true }) trainingProfile?: TrainingProfileInput | null;
  @Field(() => Visibility, { nullable: true, description: 'What new runs and imports get when they name no visibility.' })
  defaultVisibility?: Visibility | null;
  @Field(() => FollowPolicy, { nullable: true }) followPolicy?: FollowPolicy | null;
}
