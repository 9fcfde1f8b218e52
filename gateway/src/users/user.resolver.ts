import { Arg, Ctx, Extensions, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { DEFAULT_TIME_ZONE, FollowState, Period, Visibility } from '@maratron/domain';
import { RunConnection, RunStats, Shoe, TrainingProfile, User } from '@maratron/schema';
import type { RequestContext, RunsService, ShoesService, FollowsService, BlocksService } from '@maratron/core';
import { PER_VIEWER } from '../subscriptions/per-viewer';

/** Fields of User beyond its columns. Private ones answer null to anyone but the runner. */
@Resolver(() => User)
export class UserResolver {
  constructor(
    private readonly runService: RunsService,
    private readonly shoeService: ShoesService,
    private readonly followService: FollowsService,
    private readonly blockService: BlocksService,
  ) {}

  @Extensions(PER_VIEWER)
  @FieldResolver(() => String, { nullable: true, description: 'Only visible to the user themself; null for everyone else.' })
  email(@Root() user: User, @Ctx() ctx: RequestContext) {
    return ctx.viewerId === user.id ? user.email : null;
  }

  @Extensions(PER_VIEWER)
  @FieldResolver(() => Visibility, {
    nullable: true,
    description: 'The visibility new runs and imports get when they name none. Only visible to the user themself; null for everyone else.',
  })
  defaultVisibility(@Root() user: User, @Ctx() ctx: RequestContext) {
    return ctx.viewerId === user.id ? user.defaultVisibility : null;
  }

  @Extensions(PER_VIEWER)
  @FieldResolver(() => TrainingProfile, { nullable: true, description: 'Only visible to the user themself; null for everyone else.' })
  async trainingProfile(@Root() user: User, @Ctx() ctx: RequestContext) {
    if (ctx.viewerId !== user.id) return null;
    const profile = await ctx.loaders.trainingProfile.load(user.id);
    return (
      profile ?? {
        userId: user.id,
        level: null,
        goals: [],
        weeklyDistanceGoal: null,
        preferredDays: [],
        yearsRunning: null,
        injuryNotes: null,
        maxHeartRate: null,
        restingHeartRate: null,
        timeZone: DEFAULT_TIME_ZONE,
      }
    );
  }

  @Extensions(PER_VIEWER)
  @FieldResolver(() => Boolean, { nullable: true, description: 'Only visible to the user themself; null for everyone else.' })
  twoFactorEnabled(@Root() user: User, @Ctx() ctx: RequestContext) {
    return ctx.viewerId === user.id ? ctx.loaders.twoFactorEnabled.load(user.id) : null;
  }

  @FieldResolver(() => Int, { description: 'How many runners follow them.' })
  async followerCount(@Root() user: User, @Ctx() ctx: RequestContext) {
    return (await this.followService.counts(ctx, user.id)).followers;
  }

  @FieldResolver(() => Int, { description: 'How many runners they follow.' })
  async followingCount(@Root() user: User, @Ctx() ctx: RequestContext) {
    return (await this.followService.counts(ctx, user.id)).following;
  }

  @Extensions(PER_VIEWER)
  @FieldResolver(() => Boolean, { description: 'Whether the viewer follows them (FOLLOWING).' })
  isFollowedByViewer(@Root() user: User, @Ctx() ctx: RequestContext) {
    return this.followService.isFollowedByViewer(ctx, user.id);
  }

  @Extensions(PER_VIEWER)
  @FieldResolver(() => FollowState, { description: 'The viewer’s relation to this runner.' })
  viewerFollowState(@Root() user: User, @Ctx() ctx: RequestContext) {
    return this.followService.followState(ctx, user.id);
  }

  @Extensions(PER_VIEWER)
  @FieldResolver(() => Boolean, {
    description: 'Whether this runner follows the viewer (removeFollower ends it); false for the viewer themself.',
  })
  followsViewer(@Root() user: User, @Ctx() ctx: RequestContext) {
    return this.followService.followsViewer(ctx, user.id);
  }

  @Extensions(PER_VIEWER)
  @FieldResolver(() => Boolean, { description: 'Whether the viewer has blocked them.' })
  isBlockedByViewer(@Root() user: User, @Ctx() ctx: RequestContext) {
    return this.blockService.isBlockedByViewer(ctx, user.id);
  }

  @Extensions(PER_VIEWER)
  @FieldResolver(() => RunConnection, { description: 'Only runs the viewer may see.' })
  runs(
    @Root() user: User,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { description: 'Page size, 1–100.', nullable: true, defaultValue: 20 }) first: number | null,
    @Arg('after', () => String, { description: 'The cursor (endCursor) of the previous page; omitted: the first page.', nullable: true })
    after?: string,
  ) {
    return this.runService.page(ctx, { ownerId: user.id, first, after });
  }

  @Extensions(PER_VIEWER)
  @FieldResolver(() => [Shoe], { description: "The runner's shoes, oldest first (needs a signed-in viewer)." })
  shoes(
    @Root() user: User,
    @Ctx() ctx: RequestContext,
    @Arg('includeRetired', () => Boolean, { description: 'true: retired shoes too.', nullable: true, defaultValue: false })
    includeRetired: boolean | null,
  ) {
    return this.shoeService.list(ctx, user.id, includeRetired ?? false);
  }

  @Extensions(PER_VIEWER)
  @FieldResolver(() => RunStats, { description: 'Totals over the period (only runs the viewer may see).' })
  stats(
    @Root() user: User,
    @Ctx() ctx: RequestContext,
    @Arg('period', () => Period, { description: 'The time window.', defaultValue: Period.ALL_TIME }) period: Period,
  ) {
    return this.runService.stats(ctx, user.id, period);
  }
}
