import { Field, Float, InputType, Int } from 'type-graphql';
import { FollowPolicy, TrainingLevel, Units, Visibility, Weekday } from '@maratron/domain';

// Shapes only: the rules (lengths, ranges, formats) live in @maratron/schema's zod schemas,
// shared with the ai-server, and are applied by the service.

@InputType({ description: 'A new account.' })
export class SignUpInput {
  @Field(() => String, { description: 'The email address to sign in with (unique, case-insensitive, at most 254 characters).' })
  email!: string;
  @Field(() => String, { description: '10–200 characters.' }) password!: string;
  @Field(() => String, { description: 'The name shown to others, 1–100 characters.' }) name!: string;
  @Field(() => String, { description: 'A unique handle: 3–30 letters, digits, dots or underscores (stored in lower case).' })
  username!: string;
  @Field(() => String, {
    description: 'The runner\'s IANA time zone (e.g. "Europe/London"), as the browser tells it; UTC when left out.',
    nullable: true,
  })
  timeZone?: string | null;
}

@InputType({ description: 'Changes to the training profile: fields left out stay as they are.' })
export class TrainingProfileInput {
  @Field(() => TrainingLevel, { description: 'How experienced the runner is.', nullable: true }) level?: TrainingLevel | null;
  @Field(() => [String], { description: "Goals in the runner's words: at most 10, each 1–200 characters.", nullable: true }) goals?:
    | string[]
    | null;
  @Field(() => Float, { description: 'Metres per week, 0–1 000 000.', nullable: true }) weeklyDistanceGoal?: number | null;
  @Field(() => [Weekday], { description: 'Days the runner prefers to train (at most 7).', nullable: true }) preferredDays?:
    | Weekday[]
    | null;
  @Field(() => Int, { description: 'Years of running, 0–100.', nullable: true }) yearsRunning?: number | null;
  @Field(() => String, {
    description: 'Injuries or limits the coach should know, at most 2000 characters; null clears them.',
    nullable: true,
  })
  injuryNotes?: string | null;
  @Field(() => Int, { description: 'Max heart rate, 100–240 bpm, above the resting one; null: estimated from the runs.', nullable: true })
  maxHeartRate?: number | null;
  @Field(() => Int, { description: 'Resting heart rate, 25–120 bpm, below the max; null: 60.', nullable: true })
  restingHeartRate?: number | null;
  @Field(() => String, {
    description: 'An IANA time zone (e.g. "Europe/London") to count weeks, months and days in; null keeps the current one.',
    nullable: true,
  })
  timeZone?: string | null;
}

@InputType({ description: "Changes to the viewer's profile and settings: fields left out stay as they are." })
export class UpdateProfileInput {
  @Field(() => String, { description: 'The name shown to others, 1–100 characters.', nullable: true }) name?: string | null;
  @Field(() => String, { description: 'A short text about the runner, at most 500 characters; null clears it.', nullable: true }) bio?:
    | string
    | null;
  @Field(() => Units, { description: 'How the web client shows distances and paces.', nullable: true }) units?: Units | null;
  @Field(() => String, {
    description: 'A unique handle: 3–30 letters, digits, dots or underscores (stored in lower case).',
    nullable: true,
  })
  username?: string | null;
  @Field(() => TrainingProfileInput, { description: 'Changes to the training profile.', nullable: true })
  trainingProfile?: TrainingProfileInput | null;
  @Field(() => Visibility, { nullable: true, description: 'What new runs and imports get when they name no visibility.' })
  defaultVisibility?: Visibility | null;
  @Field(() => FollowPolicy, { description: 'Who may follow the runner.', nullable: true }) followPolicy?: FollowPolicy | null;
}
