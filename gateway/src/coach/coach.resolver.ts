import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { CoachChunk, CoachConversation, CoachMessage, CoachReply, TrainingPlan } from '@maratron/schema';
import type { RequestContext, Topics, TrainingPlansService } from '@maratron/core';
import { live } from '../subscriptions/live-source';
import { TrainingPlanInput } from './coach.inputs';
import type { CoachService } from './coach.service';

@Resolver()
export class CoachResolver {
  constructor(
    private readonly coach: CoachService,
    private readonly plans: TrainingPlansService,
  ) {}

  @Query(() => CoachConversation, {
    nullable: true,
    description: "One of the viewer's conversations with the coach; null for anyone else's.",
  })
  coachConversation(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: "The conversation's id." }) id: string) {
    return this.coach.conversation(ctx, id);
  }

  @Query(() => [CoachConversation], { description: "The viewer's conversations, newest first." })
  coachConversations(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { description: 'How many, 1–100.', nullable: true, defaultValue: 20 }) first?: number | null,
  ) {
    return this.coach.conversations(ctx, first);
  }

  @Query(() => TrainingPlan, { nullable: true, description: "The viewer's latest plan." })
  trainingPlan(@Ctx() ctx: RequestContext) {
    return this.plans.latest(ctx);
  }

  @Mutation(() => CoachReply, {
    description: 'Asks the coach; the answer streams through coachReplyChunk(conversationId) as it is written.',
  })
  askCoach(
    @Ctx() ctx: RequestContext,
    @Arg('message', () => String, { description: "The runner's question, 1–4000 characters." }) message: string,
    @Arg('conversationId', () => ID, { description: 'The conversation to continue; omitted: a new conversation.', nullable: true })
    conversationId?: string | null,
  ) {
    return this.coach.ask(ctx, message, conversationId);
  }

  @Mutation(() => TrainingPlan, {
    description:
      "Builds a training plan towards a race from the viewer's recent runs and training profile; it becomes the viewer's current plan (Query.trainingPlan).",
  })
  generateTrainingPlan(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => TrainingPlanInput, { description: 'The race and how many days a week to train.' }) input: TrainingPlanInput,
  ) {
    return this.coach.generatePlan(ctx, input);
  }

  @Subscription(() => CoachChunk, {
    subscribe: live('coachReplyChunk'),
    description: "The coach's answer as it is written (the conversation's owner only).",
  })
  coachReplyChunk(
    @Root() event: Topics['coach.chunk'],
    @Arg('conversationId', () => ID, { description: 'The conversation askCoach answered in.' }) _conversationId: string,
  ): CoachChunk {
    return { conversationId: event.conversationId, delta: event.delta, done: event.done };
  }
}

@Resolver(() => CoachConversation)
export class CoachConversationResolver {
  @FieldResolver(() => [CoachMessage], { description: 'Every message of the conversation, oldest first.' })
  messages(@Root() conversation: CoachConversation, @Ctx() ctx: RequestContext) {
    return ctx.loaders.coachMessages.load(conversation.id);
  }
}
