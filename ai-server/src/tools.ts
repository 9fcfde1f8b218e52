import {
  formatDuration,
  formatPace,
  isoDateIn,
  paceSecondsPerKm,
  parseId,
  parseInput,
  RACE_DISTANCES,
  RaceDistance,
  RunEnvironment,
  SHOE_ALERT_USAGE,
  TrainingLevel,
  Units,
  Visibility,
  Weekday,
  notFound,
} from '@maratron/domain';
import type { Run } from '@maratron/schema';
import { requireViewer, viewerTimeZone } from '@maratron/core';
import type { RequestContext, Services } from '@maratron/core';
import { z } from 'zod';
import { toolOutput } from './tool-results';

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

/** A week of the summary; its Monday is a date in the runner's time zone, like every date the coach sees. */
const week =
  (timeZone: string) =>
  (w: { weekStart: Date; distance: number; duration: number; runCount: number }): z.infer<typeof weekOutput> => ({
    weekStart: isoDateIn(w.weekStart, timeZone),
    distance: w.distance,
    distanceKm: km(w.distance),
    duration: w.duration,
    runCount: w.runCount,
  });

/**
 * Tool input shapes as MCP clients see them (JSON Schema from zod): types, enums and what each
 * field means. The rules themselves (ranges, dates, ownership) are the domain's, applied by the
 * services and the rule schemas of @maratron/domain, so a bad value comes back as the same
 * BAD_USER_INPUT error (field and message) GraphQL gives.
 */
export const inputs = {
  listRuns: {
    from: z.string().optional().describe('ISO 8601 date-time: runs that started at or after it'),
    to: z.string().optional().describe('ISO 8601 date-time: runs that started before it'),
    limit: z.number().int().optional().describe('How many runs, newest first: 1..100 (default 20)'),
  },
  getRun: {
    runId: z.string().describe('The run id (UUID)'),
    includeTrack: z
      .boolean()
      .optional()
      .describe(
        `Also the route: up to ${MCP_TRACK_POINTS} evenly spaced [lat, lon, elevation?] points (none inside the runner's privacy zones, and none for a hidden map, unless the run is yours)`,
      ),
  },
  logRun: {
    startedAt: z.string().describe('ISO 8601 date-time the run started (not in the future)'),
    distance: z.number().describe('Metres, > 0'),
    duration: z.number().int().describe('Whole seconds, > 0'),
    name: z.string().nullish(),
    elevationGain: z.number().nullish().describe('Metres climbed'),
    averageHeartRate: z.number().int().nullish().describe('Beats per minute'),
    environment: z.enum(RunEnvironment).nullish(),
    visibility: z.enum(Visibility).nullish().describe("Who may see it (default: the runner's own default visibility)"),
    notes: z.string().nullish(),
    shoeId: z.string().nullish().describe('One of your active shoes; omitted: your default shoe'),
    share: z.boolean().nullish().describe("Also post it to your followers' feeds"),
  },
  trainingSummary: { weeks: z.number().int().optional().describe('ISO weeks of volume, ending with this one (default 12)') },
  predictRace: { distance: z.enum(RaceDistance).describe('K5, K10, HALF_MARATHON or MARATHON') },
  generatePlan: {
    goal: z.enum(RaceDistance).describe('The goal race distance'),
    raceDate: z.string().describe('ISO 8601 date of the race (after today, within a year)'),
    targetDuration: z.number().int().nullish().describe('Goal time in seconds'),
    daysPerWeek: z.number().int().nullish().describe('Running days a week, 3..7 (default 4)'),
  },
};

const metres = z.number().describe('Metres');
const kilometres = z.number().describe('Kilometres, one decimal');
const seconds = z.number().int().describe('Seconds');
const clock = z.string().describe('h:mm:ss or m:ss');
const paceText = z.string().describe('m:ss/km');
const day = z.string().describe('ISO 8601 date (YYYY-MM-DD)');

const runOutput = z.object({
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
        retire: z.boolean(),
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

const listRunsRules = z.object({
  from: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
  to: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
  limit: z.number().int().min(1, 'must be between 1 and 100').max(100, 'must be between 1 and 100').optional(),
});

/** An ISO string as a Date for the services' rules (an unparsable one fails their date check). */
const asDate = (value: string | undefined | null) => (value === undefined || value === null ? value : new Date(value));

export function createTools(s: Services) {
  return {
    async userContext(ctx: RequestContext): Promise<ToolOutput<'userContext'>> {
      const viewerId = requireViewer(ctx);
      const summary = s.training.summary(ctx, 5);
      const [user, profile, weeks, shoes, records, vdot, timeZone] = await Promise.all([
        s.users.me(ctx),
        ctx.loaders.trainingProfile.load(viewerId),
        s.training.weeks(ctx, summary),
        s.shoes.list(ctx, viewerId, false),
        s.training.personalRecords(ctx, summary),
        s.training.vdot(ctx, summary),
        viewerTimeZone(ctx),
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
        thisWeek: week(timeZone)(weeks[weeks.length - 1]),
        lastFourWeeks: weeks.slice(0, -1).map(week(timeZone)),
        vdot,
        activeShoes: shoes.map((shoe, i) => ({
          id: shoe.id,
          name: shoe.name,
          brand: shoe.brand,
          isDefault: shoe.isDefault,
          distanceKm: km(shoeUsage[i].distance),
          maxDistanceKm: km(shoe.maxDistance),
          usagePercent: Math.round(shoeUsage[i].usage * 100),
        })),
        recentRecords: records.map((r) => ({
          distance: r.distance,
          duration: r.duration,
          time: formatDuration(r.duration),
          runId: r.run.id,
          date: isoDateIn(r.run.startedAt, timeZone),
        })),
      };
    },

    async listRuns(ctx: RequestContext, args: unknown): Promise<ToolOutput<'listRuns'>> {
      const q = parseInput(listRunsRules, args);
      const page = await s.runs.page(ctx, { first: q.limit ?? 20, from: asDate(q.from), to: asDate(q.to) });
      return { runs: page.edges.map((e) => runJson(e.node)), hasMore: page.pageInfo.hasNextPage };
    },

    async getRun(ctx: RequestContext, args: { runId: string; includeTrack?: boolean }): Promise<ToolOutput<'getRun'>> {
      const run = await s.runs.get(ctx, parseId(args.runId, 'runId'));
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

    async logRun(ctx: RequestContext, args: z.infer<z.ZodObject<typeof inputs.logRun>>): Promise<ToolOutput<'logRun'>> {
      const run = await s.runs.create(ctx, { ...args, startedAt: asDate(args.startedAt) });
      return { logged: runJson(run), shared: Boolean(args.share) };
    },

    async shoeReport(ctx: RequestContext): Promise<ToolOutput<'shoeReport'>> {
      const viewerId = requireViewer(ctx);
      const shoes = await s.shoes.list(ctx, viewerId, false);
      const usage = await Promise.all(shoes.map((shoe) => s.shoes.usage(ctx, shoe)));
      return {
        shoes: shoes.map((shoe, i) => {
          const { distance, runCount, usage: used } = usage[i];
          const advice =
            used >= 1
              ? 'Retire it: past its expected life, the cushioning no longer protects you.'
              : used >= SHOE_ALERT_USAGE
                ? 'Plan a replacement soon: over 80 % of its life is used.'
                : 'Fine: plenty of life left.';
          return {
            id: shoe.id,
            name: shoe.name,
            brand: shoe.brand,
            isDefault: shoe.isDefault,
            runCount,
            distanceKm: km(distance),
            maxDistanceKm: km(shoe.maxDistance),
            remainingKm: km(Math.max(0, shoe.maxDistance - distance)),
            usagePercent: Math.round(used * 100),
            retire: used >= 1,
            advice,
          };
        }),
      };
    },

    async trainingSummary(ctx: RequestContext, args: { weeks?: number }): Promise<ToolOutput<'trainingSummary'>> {
      const summary = s.training.summary(ctx, args.weeks);
      const [weeks, load, vdot, records, predictions, timeZone] = await Promise.all([
        s.training.weeks(ctx, summary),
        s.training.load(ctx, summary),
        s.training.vdot(ctx, summary),
        s.training.personalRecords(ctx, summary),
        s.training.predictions(ctx, summary),
        viewerTimeZone(ctx),
      ]);
      const today = load[load.length - 1];
      return {
        weeks: weeks.map(week(timeZone)),
        load: today
          ? { acute: today.acute, chronic: today.chronic, balance: today.balance, reading: loadReading(today.acute, today.chronic) }
          : null,
        vdot,
        records: records.map((r) => ({ distance: r.distance, duration: r.duration, time: formatDuration(r.duration), runId: r.run.id })),
        predictions: predictions.map((p) => ({ distance: p.distance, duration: p.duration, time: formatDuration(p.duration) })),
      };
    },

    async predictRace(ctx: RequestContext, args: { distance: RaceDistance }): Promise<ToolOutput<'predictRace'>> {
      const distance = parseInput(
        z.enum(RaceDistance, { error: 'must be one of K5, K10, HALF_MARATHON, MARATHON' }),
        args.distance,
        'distance',
      );
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

    async generatePlan(ctx: RequestContext, args: z.infer<z.ZodObject<typeof inputs.generatePlan>>): Promise<ToolOutput<'generatePlan'>> {
      const plan = await s.plans.generate(ctx, { ...args, raceDate: asDate(args.raceDate) });
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
