import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { RunEnvironment, Visibility } from '@maratron/domain';

// Shapes only: the rules live in @maratron/schema (run.rules.ts), shared with MCP log_run.

@InputType()
export class RunInput {
  @Field(() => Date) startedAt!: Date;
  @Field(() => Float, { description: 'Metres.' }) distance!: number;
  @Field(() => Int, { description: 'Moving time, seconds.' }) duration!: number;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => Float, { nullable: true }) elevationGain?: number | null;
  @Field(() => Int, { nullable: true }) averageHeartRate?: number | null;
  @Field(() => RunEnvironment, { nullable: true, defaultValue: RunEnvironment.OUTDOOR }) environment?: RunEnvironment;
  @Field(() => Visibility, { nullable: true, description: "Omitted: the runner's defaultVisibility." }) visibility?: Visibility | null;
  @Field(() => String, { nullable: true }) notes?: string | null;
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

@InputType()
export class RunUpdateInput {
  @Field(() => Date, { nullable: true }) startedAt?: Date | null;
  @Field(() => Float, { nullable: true }) distance?: number | null;
  @Field(() => Int, { nullable: true }) duration?: number | null;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => Float, { nullable: true }) elevationGain?: number | null;
  @Field(() => Int, { nullable: true }) averageHeartRate?: number | null;
  @Field(() => RunEnvironment, { nullable: true }) environment?: RunEnvironment | null;
  @Field(() => Visibility, { nullable: true }) visibility?: Visibility | null;
  @Field(() => String, { nullable: true }) notes?: string | null;
  @Field(() => ID, { nullable: true, description: 'null takes the shoe off the run.' }) shoeId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'true: no track or GPX for anyone but the owner.' }) hideTrack?: boolean | null;
}
