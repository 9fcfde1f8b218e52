import { Arg, Ctx, ID, Int, Query, Resolver, Subscription } from 'type-graphql';
import { Period } from '@maratron/domain';
import { LeaderboardEntry } from '@maratron/schema';
import type { RequestContext, LeaderboardService } from '@maratron/core';
import { live } from '../subscriptions/live-source';

@Resolver()
export class LeaderboardResolver {
  constructor(private readonly leaderboards: LeaderboardService) {}

  @Query(() => [LeaderboardEntry], {
    description:
      "Distance ranking in the period among the runners you follow and you, or among a group's members; only runs you may see count.",
  })
  leaderboard(
    @Ctx() ctx: RequestContext,
    @Arg('period', () => Period, { description: 'The time window.' }) period: Period,
    @Arg('groupId', () => ID, {
      description: "Rank this group's members; omitted: the runners the viewer follows and the viewer.",
      nullable: true,
    })
    groupId?: string | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 100, description: 'At most 100 places.' }) first?: number | null,
  ) {
    return this.leaderboards.board(ctx, period, groupId, first ?? 100);
  }

  @Subscription(() => [LeaderboardEntry], {
    subscribe: live('leaderboardUpdated'),
    description: 'The leaderboard again whenever a run may have moved it.',
  })
  leaderboardUpdated(
    @Ctx() ctx: RequestContext,
    @Arg('period', () => Period, { description: 'As for Query.leaderboard.' }) period: Period,
    @Arg('groupId', () => ID, { description: 'As for Query.leaderboard.', nullable: true }) groupId?: string | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 100, description: 'At most 100 places.' }) first?: number | null,
  ) {
    return this.leaderboards.board(ctx, period, groupId, first ?? 100);
  }
}
