import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { RunEnvironment, Visibility } from '@maratron/domain';

// Shapes only: the rules live in @maratron/schema (run.rules.ts), shared with MCP log_run.

@InputType({ description: 'A run recorded by hand.' })
export class RunInput {
  @Field(() => Date, { description: 'When the run started (not before 1900, not in the future).' }) startedAt!: Date;
  @Field(() => Float, { description: 'Metres.' }) distance!: number;
  @Field(() => Int, { description: 'Moving time, seconds.' }) duration!: number;
  @Field(() => String, { description: 'A title, at most 120 characters.', nullable: true }) name?: string | null;
  @Field(() => Float, { description: 'Total climb, metres (0–20 000).', nullable: true }) elevationGain?: number | null;
  @Field(() => Int, { description: 'Average heart rate, beats per minute (25–250).', nullable: true }) averageHeartRate?: number | null;
  @Field(() => RunEnvironment, { description: 'Where it was run.', nullable: true, defaultValue: RunEnvironment.OUTDOOR })
  environment?: RunEnvironment;
  @Field(() => Visibility, { nullable: true, description: "Omitted: the runner's defaultVisibility." }) visibility?: Visibility | null;
  @Field(() => String, { description: 'Notes, at most 5000 characters.', nullable: true }) notes?: string | null;
  @Field(() => ID, { nullable: true, description: 'Without it the default shoe (if any) is used; null: no shoe.' }) shoeId?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'Also create a post sharing this run (as visible as the run).',
  })
  share?: boolean | null;
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'true: no track or GPX for anyone but the owner.' })
  hideTrack?: boolean | null;
}

@InputType({ description: 'Changes to a run: fields left out stay as they are.' })
export class RunUpdateInput {
  @Field(() => Date, { description: 'When the run started (not before 1900, not in the future).', nullable: true }) startedAt?: Date | null;
  @Field(() => Float, { description: 'Metres, more than 0 and at most 1 000 000.', nullable: true }) distance?: number | null;
  @Field(() => Int, { description: 'Moving time, seconds (at most 14 days).', nullable: true }) duration?: number | null;
  @Field(() => String, { description: 'A title, at most 120 characters; null clears it.', nullable: true }) name?: string | null;
  @Field(() => Float, { description: 'Total climb, metres (0–20 000); null clears it.', nullable: true }) elevationGain?: number | null;
  @Field(() => Int, { description: 'Average heart rate, beats per minute (25–250); null clears it.', nullable: true }) averageHeartRate?:
    | number
    | null;
  @Field(() => RunEnvironment, { description: 'Where it was run.', nullable: true }) environment?: RunEnvironment | null;
  @Field(() => Visibility, { description: 'Who may see it.', nullable: true }) visibility?: Visibility | null;
  @Field(() => String, { description: 'Notes, at most 5000 characters; null clears them.', nullable: true }) notes?: string | null;
  @Field(() => ID, { nullable: true, description: 'null takes the shoe off the run.' }) shoeId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'true: no track or GPX for anyone but the owner.' }) hideTrack?: boolean | null;
}
