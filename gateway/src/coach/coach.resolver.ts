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
  coachConversation(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.coach.conversation(ctx, id);
  }

  @Query(() => [CoachConversation], { description: "The viewer's conversations, newest first." })
  coachConversations(@Ctx() ctx: RequestContext, @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first?: number | null) {
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
    @Arg('message', () => String) message: string,
    @Arg('conversationId', () => ID, { nullable: true }) conversationId?: string | null,
  ) {
    return this.coach.ask(ctx, message, conversationId);
  }

  @Mutation(() => TrainingPlan)
  generateTrainingPlan(@Ctx() ctx: RequestContext, @Arg('input', () => TrainingPlanInput) input: TrainingPlanInput) {
    return this.coach.generatePlan(ctx, input);
  }

  @Subscription(() => CoachChunk, {
    subscribe: live('coachReplyChunk'),
    description: "The coach's answer as it is written (the conversation's owner only).",
  })
  coachReplyChunk(@Root() event: Topics['coach.chunk'], @Arg('conversationId', () => ID) _conversationId: string): CoachChunk {
    return { conversationId: event.conversationId, delta: event.delta, done: event.done };
  }
}

@Resolver(() => CoachConversation)
export class CoachConversationResolver {
  @FieldResolver(() => [CoachMessage])
  messages(@Root() conversation: CoachConversation, @Ctx() ctx: RequestContext) {
    return ctx.loaders.coachMessages.load(conversation.id);
  }
}
