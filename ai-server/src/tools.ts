import {
  formatDuration,
  formatPace,
  paceSecondsPerKm,
  Period,
  parseInput,
  DEFAULT_SUMMARY_WEEKS,
  newRunSchema,
  runFields,
  summaryWeeksSchema,
  trainingPlanInputSchema,
  RACE_DISTANCES,
  RaceDistance,
  RunEnvironment,
  shoeUsagePercent,
  shoeWear,
  TrainingLevel,
  Units,
  Visibility,
  Weekday,
  notFound,
} from '@maratron/domain';
import type { ShoeWear } from '@maratron/domain';
import type { Run } from '@maratron/schema';
import { requireViewer } from '@maratron/core';
import type { RequestContext, Services } from '@maratron/core';
import { z } from 'zod';
import { toolOutput } from './tool-results';
import { idArgument, isoDate, isoDateTime, pageLimit } from './tools/arguments';

// What each MCP tool does, on a RequestContext acting as the caller: the gateway's services
// (the same validation, visibility, ownership and event rules as GraphQL), shaped as plain
// JSON for a language model — distances in metres and km, durations in seconds and h:mm:ss,
// paces in s/km and m:ss/km.

const km = (m: number) => Math.round(m / 100) / 10;

export function runJson(run: Run): z.infer<typeof runOutput> {
  return {
    id: run.id,
    name: run.name,
    startedAt: run.startedAt.toISOString(),
    distance: run.distance,
    distanceKm: km(run.distance),
    duration: run.duration,
    time: formatDuration(run.duration),
    pace: formatPace(paceSecondsPerKm(run.distance, run.duration)),
    elevationGain: run.elevationGain,
    averageHeartRate: run.averageHeartRate,
    environment: run.environment,
    visibility: run.visibility,
    hideTrack: run.hideTrack,
    notes: run.notes,
    shoeId: run.shoeId,
  };
}

/** Points of a route get_run gives: an outline for a language model, not a recording. */
export const MCP_TRACK_POINTS = 200;

const week = (w: { weekStart: Date; distance: number; duration: number; runCount: number }): z.infer<typeof weekOutput> => ({
  weekStart: w.weekStart.toISOString().slice(0, 10),
  distance: w.distance,
  distanceKm: km(w.distance),
  duration: w.duration,
  runCount: w.runCount,
});

const periodTotals = (p: { distance: number; duration: number; runCount: number }): z.infer<typeof periodOutput> => ({
  distance: p.distance,
  distanceKm: km(p.distance),
  duration: p.duration,
  runCount: p.runCount,
});

/**
 * The tools' arguments: the rules GraphQL's input goes through (@maratron/domain), dates as ISO
 * 8601 strings. Clients see them as each tool's inputSchema (ruleSchema: types, bounds, lengths,
 * enums); each tool applies its rule with parseInput, so a bad value comes back as the same
 * BAD_USER_INPUT error (field and message) GraphQL gives.
 */
export const inputs = {
  listRuns: z.object({
    from: z.iso.datetime({ offset: true }).optional().describe('ISO 8601 date-time: runs that started at or after it'),
    to: z.iso.datetime({ offset: true }).optional().describe('ISO 8601 date-time: runs that started before it'),
    limit: pageLimit,
  }),
  getRun: z.object({
    runId: idArgument('The run id (UUID)'),
    includeTrack: z
      .boolean()
      .optional()
      .describe(
        `Also the route: up to ${MCP_TRACK_POINTS} evenly spaced [lat, lon, elevation?] points (none inside the runner's privacy zones, and none for a hidden map, unless the run is yours)`,
      ),
  }),
  logRun: newRunSchema.extend({
    startedAt: isoDateTime(runFields.startedAt, 'when the run started (not before 1900, not in the future)'),
    distance: runFields.distance.describe('Metres'),
    duration: runFields.duration.describe('Moving time, whole seconds'),
    averageHeartRate: newRunSchema.shape.averageHeartRate.describe('Beats per minute'),
    elevationGain: newRunSchema.shape.elevationGain.describe('Metres climbed'),
    visibility: newRunSchema.shape.visibility.describe("Who may see it (default: the runner's own default visibility)"),
    shoeId: newRunSchema.shape.shoeId.describe('One of your active shoes; omitted: your default shoe; null: none'),
    share: newRunSchema.shape.share.describe("Also post it to your followers' feeds"),
  }),
  trainingSummary: z.object({
    weeks: summaryWeeksSchema.optional().describe(`ISO weeks of volume, ending with this one (default ${DEFAULT_SUMMARY_WEEKS})`),
  }),
  predictRace: z.object({ distance: trainingPlanInputSchema.shape.goal.describe('K5, K10, HALF_MARATHON or MARATHON') }),
  generatePlan: trainingPlanInputSchema.extend({
    goal: trainingPlanInputSchema.shape.goal.describe('The goal race distance'),
    raceDate: isoDate(trainingPlanInputSchema.shape.raceDate, 'the race day (after today, within a year)'),
    targetDuration: trainingPlanInputSchema.shape.targetDuration.describe('Goal time in seconds'),
    daysPerWeek: trainingPlanInputSchema.shape.daysPerWeek.describe('Running days a week (default 4)'),
  }),
};

const metres = z.number().describe('Metres');
const kilometres = z.number().describe('Kilometres, one decimal');
const seconds = z.number().int().describe('Seconds');
const clock = z.string().describe('h:mm:ss or m:ss');
const paceText = z.string().describe('m:ss/km');
const day = z.string().describe('ISO 8601 date (YYYY-MM-DD)');

/** A run as every tool answers it. */
export const runOutput = z.object({
  id: z.string(),
  name: z.string().nullable(),
  startedAt: z.string().describe('ISO 8601 date-time'),
  distance: metres,
  distanceKm: kilometres,
  duration: seconds,
  time: clock,
  pace: paceText,
  elevationGain: metres.nullable(),
  averageHeartRate: z.number().nullable().describe('Beats per minute'),
  environment: z.enum(RunEnvironment),
  visibility: z.enum(Visibility),
  hideTrack: z.boolean().describe('Its map is for its runner only'),
  notes: z.string().nullable(),
  shoeId: z.string().nullable(),
});

const weekOutput = z.object({
  weekStart: day.describe('Monday of the ISO week'),
  distance: metres,
  distanceKm: kilometres,
  duration: seconds,
  runCount: z.number().int(),
});

const periodOutput = z.object({
  distance: metres,
  distanceKm: kilometres,
  duration: seconds,
  runCount: z.number().int(),
});

const planOutput = {
  id: z.string(),
  goal: z.enum(RaceDistance),
  raceDate: day,
  targetDuration: seconds.nullable(),
  daysPerWeek: z.number().int(),
  workouts: z.array(
    z.object({
      date: day,
      kind: z.string().describe('easy, long, tempo, intervals or race'),
      distance: metres,
      distanceKm: kilometres,
      targetPace: z.number().nullable().describe('Seconds per km; null without a VDOT to set paces from'),
      pace: paceText.nullable(),
      description: z.string(),
    }),
  ),
};

/**
 * What each tool answers (its MCP outputSchema, and the type its function returns here): the
 * structuredContent of a successful call. A failed call answers its error instead (tool-results.ts).
 */
export const outputs = {
  userContext: toolOutput({
    profile: z.object({ id: z.string(), username: z.string(), name: z.string(), bio: z.string().nullable(), units: z.enum(Units) }),
    goals: z
      .object({
        level: z.enum(TrainingLevel).nullable(),
        goals: z.array(z.string()),
        weeklyDistanceGoal: metres.nullable(),
        preferredDays: z.array(z.enum(Weekday)),
        yearsRunning: z.number().int().nullable(),
        injuryNotes: z.string().nullable(),
      })
      .nullable()
      .describe('Null until the runner fills in their training profile'),
    thisWeek: weekOutput,
    lastFourWeeks: z.array(weekOutput).describe('Oldest first'),
    thisMonth: periodOutput.describe('This calendar month so far (the same figures as User.stats(period: MONTH))'),
    thisYear: periodOutput.describe('This calendar year so far (the same figures as User.stats(period: YEAR))'),
    vdot: z.number().nullable(),
    activeShoes: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        brand: z.string().nullable(),
        isDefault: z.boolean(),
        distanceKm: kilometres,
        maxDistanceKm: kilometres,
        usagePercent: z.number().int(),
      }),
    ),
    recentRecords: z.array(z.object({ distance: z.enum(RaceDistance), duration: seconds, time: clock, runId: z.string(), date: day })),
  }),
  listRuns: toolOutput({ runs: z.array(runOutput).describe('Newest first'), hasMore: z.boolean() }),
  getRun: toolOutput({
    ...runOutput.shape,
    splits: z
      .array(z.object({ index: z.number().int(), distance: metres, duration: seconds, pace: paceText, elevationGain: metres.nullable() }))
      .describe('Per kilometre; empty for a run typed in by hand'),
    track: z
      .array(z.array(z.number()))
      .nullable()
      .optional()
      .describe('With includeTrack: [lat, lon, elevation?] points of the route; null without one (or none you may see)'),
  }),
  logRun: toolOutput({ logged: runOutput, shared: z.boolean() }),
  shoeReport: toolOutput({
    shoes: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        brand: z.string().nullable(),
        isDefault: z.boolean(),
        runCount: z.number().int(),
        distanceKm: kilometres,
        maxDistanceKm: kilometres,
        remainingKm: kilometres,
        usagePercent: z.number().int(),
        wear: z
          .enum(['ok', 'alert', 'retire'])
          .describe('ok; alert: plan a replacement (the same shoes as the shoe alerts); retire: due for retirement'),
        retire: z.boolean().describe('Due for retirement (wear is retire): at 100 % of its life or more'),
        advice: z.string(),
      }),
    ),
  }),
  trainingSummary: toolOutput({
    weeks: z.array(weekOutput).describe('Oldest first, ending with this week'),
    load: z
      .object({ acute: z.number(), chronic: z.number(), balance: z.number(), reading: z.string() })
      .nullable()
      .describe('Today: 7-day (acute) and 42-day (chronic) training load, balance = chronic - acute'),
    vdot: z.number().nullable(),
    records: z.array(z.object({ distance: z.enum(RaceDistance), duration: seconds, time: clock, runId: z.string() })),
    predictions: z.array(z.object({ distance: z.enum(RaceDistance), duration: seconds, time: clock })),
  }),
  predictRace: toolOutput({
    distance: z.enum(RaceDistance),
    duration: seconds.optional(),
    time: clock.optional(),
    pace: paceText.optional(),
    method: z.enum(['VDOT', 'Riegel']).nullable().describe('Null when there is nothing to predict from'),
    vdot: z.number().nullable().optional(),
    prediction: z.null().optional().describe('Present (null) when there is nothing to predict from'),
    reason: z.string().optional().describe('Why there is no prediction'),
  }),
  generatePlan: toolOutput(planOutput),
  serverHealth: toolOutput({
    status: z.enum(['ok', 'degraded']),
    database: z.enum(['ok', 'unavailable']),
    redis: z.enum(['ok', 'unavailable', 'not configured']),
    eventBus: z.enum(['redis', 'in-process']),
  }),
};

/** What the tool `name` answers when it succeeds. */
export type ToolOutput<N extends keyof typeof outputs> = z.infer<(typeof outputs)[N]>;

/** What the shoe report says of a shoe, by its wear (shoeWear, the shoe alerts' rule). */
const SHOE_ADVICE: Record<ShoeWear, string> = {
  retire: 'Retire it: at or past its expected life, the cushioning no longer protects you.',
  alert: 'Plan a replacement soon: 80 % or more of its life is used.',
  ok: 'Fine: plenty of life left.',
};

export function createTools(s: Services) {
  return {
    async userContext(ctx: RequestContext): Promise<ToolOutput<'userContext'>> {
      const viewerId = requireViewer(ctx);
      const summary = s.training.summary(ctx, 5);
      const [user, profile, weeks, shoes, records, vdot, month, year] = await Promise.all([
        s.users.me(ctx),
        ctx.loaders.trainingProfile.load(viewerId),
        s.training.weeks(ctx, summary),
        s.shoes.list(ctx, viewerId, false),
        s.training.personalRecords(ctx, summary),
        s.training.vdot(ctx, summary),
        s.runs.stats(ctx, viewerId, Period.MONTH),
        s.runs.stats(ctx, viewerId, Period.YEAR),
      ]);
      const shoeUsage = await Promise.all(shoes.map((shoe) => s.shoes.usage(ctx, shoe)));
      return {
        profile: { id: user!.id, username: user!.username, name: user!.name, bio: user!.bio, units: user!.units },
        goals: profile
          ? {
              level: profile.level,
              goals: profile.goals,
              weeklyDistanceGoal: profile.weeklyDistanceGoal,
              preferredDays: profile.preferredDays,
              yearsRunning: profile.yearsRunning,
              injuryNotes: profile.injuryNotes,
            }
          : null,
        thisWeek: week(weeks[weeks.length - 1]),
        lastFourWeeks: weeks.slice(0, -1).map(week),
        thisMonth: periodTotals(month),
        thisYear: periodTotals(year),
        vdot,
        activeShoes: shoes.map((shoe, i) => ({
          id: shoe.id,
          name: shoe.name,
          brand: shoe.brand,
          isDefault: shoe.isDefault,
          distanceKm: km(shoeUsage[i].distance),
          maxDistanceKm: km(shoe.maxDistance),
          usagePercent: shoeUsagePercent(shoeUsage[i].usage),
        })),
        recentRecords: records.map((r) => ({
          distance: r.distance,
          duration: r.duration,
          time: formatDuration(r.duration),
          runId: r.run.id,
          date: r.run.startedAt.toISOString().slice(0, 10),
        })),
      };
    },

    async listRuns(ctx: RequestContext, args: unknown): Promise<ToolOutput<'listRuns'>> {
      const q = parseInput(inputs.listRuns, args);
      const page = await s.runs.page(ctx, { first: q.limit, from: q.from ? new Date(q.from) : null, to: q.to ? new Date(q.to) : null });
      return { runs: page.edges.map((e) => runJson(e.node)), hasMore: page.pageInfo.hasNextPage };
    },

    async getRun(ctx: RequestContext, input: unknown): Promise<ToolOutput<'getRun'>> {
      const args = parseInput(inputs.getRun, input);
      const run = await s.runs.get(ctx, args.runId);
      if (!run) throw notFound('Run');
      // The route as the app shows it to this runner: RunsService.track (privacy zones, hidden maps).
      const [splits, track] = await Promise.all([
        ctx.loaders.runSplits.load(run.id),
        args.includeTrack ? s.runs.track(ctx, run, MCP_TRACK_POINTS) : undefined,
      ]);
      return {
        ...runJson(run),
        splits: splits.map((sp) => ({ ...sp, pace: formatPace(sp.pace) })),
        ...(track === undefined ? {} : { track }),
      };
    },

    async logRun(ctx: RequestContext, input: unknown): Promise<ToolOutput<'logRun'>> {
      const args = parseInput(inputs.logRun, input);
      const run = await s.runs.create(ctx, args);
      return { logged: runJson(run), shared: args.share };
    },

    async shoeReport(ctx: RequestContext): Promise<ToolOutput<'shoeReport'>> {
      const viewerId = requireViewer(ctx);
      const shoes = await s.shoes.list(ctx, viewerId, false);
      const usage = await Promise.all(shoes.map((shoe) => s.shoes.usage(ctx, shoe)));
      return {
        shoes: shoes.map((shoe, i) => {
          const { distance, runCount, usage: used } = usage[i];
          const wear = shoeWear(used);
          const advice = SHOE_ADVICE[wear];
          return {
            id: shoe.id,
            name: shoe.name,
            brand: shoe.brand,
            isDefault: shoe.isDefault,
            runCount,
            distanceKm: km(distance),
            maxDistanceKm: km(shoe.maxDistance),
            remainingKm: km(Math.max(0, shoe.maxDistance - distance)),
            usagePercent: shoeUsagePercent(used),
            wear,
            retire: wear === 'retire',
            advice,
          };
        }),
      };
    },

    async trainingSummary(ctx: RequestContext, input: unknown): Promise<ToolOutput<'trainingSummary'>> {
      const summary = s.training.summary(ctx, parseInput(inputs.trainingSummary, input).weeks);
      const [weeks, load, vdot, records, predictions] = await Promise.all([
        s.training.weeks(ctx, summary),
        s.training.load(ctx, summary),
        s.training.vdot(ctx, summary),
        s.training.personalRecords(ctx, summary),
        s.training.predictions(ctx, summary),
      ]);
      const today = load[load.length - 1];
      return {
        weeks: weeks.map(week),
        load: today
          ? { acute: today.acute, chronic: today.chronic, balance: today.balance, reading: loadReading(today.acute, today.chronic) }
          : null,
        vdot,
        records: records.map((r) => ({ distance: r.distance, duration: r.duration, time: formatDuration(r.duration), runId: r.run.id })),
        predictions: predictions.map((p) => ({ distance: p.distance, duration: p.duration, time: formatDuration(p.duration) })),
      };
    },

    async predictRace(ctx: RequestContext, input: unknown): Promise<ToolOutput<'predictRace'>> {
      const { distance } = parseInput(inputs.predictRace, input);
      const summary = s.training.summary(ctx, 1);
      const [vdot, predictions] = await Promise.all([s.training.vdot(ctx, summary), s.training.predictions(ctx, summary)]);
      const prediction = predictions.find((p) => p.distance === distance);
      if (!prediction) {
        return { distance, prediction: null, method: null, reason: 'No run of 5 km or longer in the last 180 days to predict from.' };
      }
      return {
        distance,
        duration: prediction.duration,
        time: formatDuration(prediction.duration),
        pace: formatPace(prediction.duration / (RACE_DISTANCES[distance] / 1000)),
        // VDOT (Daniels–Gilbert) from the best recent effort; Riegel's formula where no effort gives a usable VDOT.
        method: vdot !== null ? 'VDOT' : 'Riegel',
        vdot,
      };
    },

    async generatePlan(ctx: RequestContext, input: unknown): Promise<ToolOutput<'generatePlan'>> {
      const plan = await s.plans.generate(ctx, parseInput(inputs.generatePlan, input));
      return planJson(plan);
    },

    async latestPlan(ctx: RequestContext) {
      const plan = await s.plans.latest(ctx);
      return plan ? planJson(plan) : null;
    },

    async recentRuns(ctx: RequestContext) {
      const page = await s.runs.page(ctx, { first: 20 });
      return page.edges.map((e) => runJson(e.node));
    },
  };
}

export type Tools = ReturnType<typeof createTools>;

function planJson(plan: Awaited<ReturnType<Services['plans']['generate']>>): ToolOutput<'generatePlan'> {
  return {
    id: plan.id,
    goal: plan.goal,
    raceDate: plan.raceDate.toISOString().slice(0, 10),
    targetDuration: plan.targetDuration,
    daysPerWeek: plan.daysPerWeek,
    workouts: plan.workouts.map((w) => ({
      date: w.date.toISOString().slice(0, 10),
      kind: w.kind,
      distance: w.distance,
      distanceKm: km(w.distance),
      targetPace: w.targetPace,
      pace: w.targetPace === null ? null : formatPace(w.targetPace),
      description: w.description,
    })),
  };
}

/** The acute:chronic workload ratio in words (0.8–1.3 is the usual "sweet spot"). */
function loadReading(acute: number, chronic: number): string {
  if (chronic === 0) return 'no training load yet';
  const ratio = acute / chronic;
  if (ratio > 1.5) return 'a sharp spike: much more than you are used to, injury risk is high';
  if (ratio > 1.3) return 'above your usual load: ease off a little';
  if (ratio >= 0.8) return 'balanced: load matches your fitness';
  return 'below your usual load: you are fresh, or losing fitness';
}
