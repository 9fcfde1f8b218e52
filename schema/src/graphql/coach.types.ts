import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { RaceDistance } from './enums';

// The AI coach (gateway/src/coach) and the training plans its MCP tools generate.

@ObjectType({ description: 'An MCP tool the coach called while answering, with its JSON arguments.' })
export class CoachToolCall {
  @Field(() => String) name!: string;
  @Field(() => String) arguments!: string;
}

@ObjectType()
export class CoachMessage {
  @Field(() => ID) id!: string;
  /** `user` or `assistant`. */
  @Field(() => String) role!: string;
  @Field(() => String) content!: string;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType()
export class CoachConversation {
  @Field(() => ID) id!: string;
  @Field(() => Date) createdAt!: Date;
  userId!: string;
}

@ObjectType()
export class CoachReply {
  @Field(() => ID) conversationId!: string;
  @Field(() => CoachMessage) message!: CoachMessage;
  @Field(() => [CoachToolCall], { description: 'The MCP tools the answer was grounded in.' }) toolCalls!: CoachToolCall[];
}

@ObjectType({ description: "A piece of the coach's answer as it is written." })
export class CoachChunk {
  @Field(() => ID) conversationId!: string;
  @Field(() => String) delta!: string;
  @Field(() => Boolean) done!: boolean;
}

@ObjectType()
export class PlannedWorkout {
  /** 00:00 UTC of the day. */
  @Field(() => Date) date!: Date;
  /** easy, long, tempo, intervals or race. */
  @Field(() => String) kind!: string;
  /** Metres. */
  @Field(() => Float) distance!: number;
  /** Seconds per km; null without a VDOT to set paces from. */
  @Field(() => Float, { nullable: true }) targetPace!: number | null;
  @Field(() => String) description!: string;
}

@ObjectType()
export class TrainingPlan {
  @Field(() => ID) id!: string;
  @Field(() => RaceDistance) goal!: RaceDistance;
  @Field(() => Date) raceDate!: Date;
  /** Seconds. */
  @Field(() => Int, { nullable: true }) targetDuration!: number | null;
  @Field(() => [PlannedWorkout]) workouts!: PlannedWorkout[];
  daysPerWeek!: number;
  createdAt!: Date;
}
