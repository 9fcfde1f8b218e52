import {
  calendarDay,
  calendarDayStart,
  dailyLoadSeries,
  DEFAULT_SUMMARY_WEEKS,
  fitnessFromEfforts,
  LOAD_WARMUP_DAYS,
  parseInput,
  periodRange,
  runLoad,
  runLoadWithHeartRate,
  summaryWeeksSchema,
  trainingPaces,
  VDOT_WINDOW_DAYS,
  weekStarts,
  zoneTimes,
} from '@maratron/domain';
import { TrainingSummary } from '@maratron/schema';
import type { DailyLoad, Fitness, RaceDistance, ZoneTime } from '@maratron/domain';
import type { PersonalRecord, RacePrediction, Shoe, WeeklyVolume } from '@maratron/schema';
import { requireViewer } from '../context';
import type { RequestContext } from '../context';
import type { ShoesService } from '../shoes/shoes.service';
import { heartRatesBetween } from './heart-rates';
import type { HeartRatesService } from './heart-rates.service';
import { viewerTimeZone } from '../users/time-zone';

const DAY_MS = 86_400_000;

const round = (x: number, decimals: number): number => {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
};

/**
 * The viewer's training summary. Each part is computed only when asked for, from as little data as
 * it needs: weekly volume aggregated by PostgreSQL, records and VDOT from the stored best efforts
 * (run_efforts, written with every run), training load over the requested days plus the EWMA
 * warm-up only. Every part describes the same instant (`asOf`) and the viewer's own runs alone.
 */
export class TrainingService {
  constructor(
    private readonly shoes: ShoesService,
    private readonly heartRates: HeartRatesService,
  ) {}

  summary(ctx: RequestContext, weeks: number | null | undefined): TrainingSummary {
    const ownerId = requireViewer(ctx);
    const weekCount = parseInput(summaryWeeksSchema, weeks ?? DEFAULT_SUMMARY_WEEKS, 'weeks');
    return Object.assign(new TrainingSummary(), { ownerId, weekCount, asOf: new Date() });
  }

  /**
   * ISO weeks (Monday first) in the viewer's time zone, oldest first, ending with the current one;
   * weeks without runs are zeros. `weekStart` is the instant the local Monday starts.
   */
  async weeks(ctx: RequestContext, s: TrainingSummary): Promise<WeeklyVolume[]> {
    const timeZone = await viewerTimeZone(ctx);
    const starts = weekStarts(s.weekCount, s.asOf, timeZone);
    const { to } = periodRange('WEEK', s.asOf, timeZone);
    // The weeks' bounds come from the domain (the one calendar rule); PostgreSQL only sorts runs
    // between them: width_bucket gives 1 for a run in the first week, n for the last. The range
    // on the bare started_at keeps runs_user_started_idx in use whatever the zone.
    const rows = await ctx.db.query<{ week: number; distance: number; duration: number; runCount: number }>(
      `SELECT width_bucket(r.started_at, $4::timestamptz[]) AS week,
              sum(r.distance) AS distance, sum(r.duration)::float8 AS duration, count(*)::int AS "runCount"
         FROM runs r
        WHERE r.user_id = $1 AND r.started_at >= $2 AND r.started_at < $3
        GROUP BY 1`,
      [s.ownerId, starts[0], to, starts],
    );
    const byWeek = new Map(rows.map((r) => [r.week, r]));
    return starts.map((weekStart, i) => {
      const row = byWeek.get(i + 1);
      return { weekStart, distance: row?.distance ?? 0, duration: Math.round(row?.duration ?? 0), runCount: row?.runCount ?? 0 };
    });
  }

  /** Fastest effort over each race distance ever, found inside runs (see bestEffortsForRun). */
  async personalRecords(ctx: RequestContext, s: TrainingSummary): Promise<PersonalRecord[]> {
    const { allTime } = await this.bests(ctx, s);
    return allTime.map((b) => ({ distance: b.distance as RaceDistance, duration: b.duration, run: b.run }));
  }

  /** VDOT from the best effort of the last VDOT_WINDOW_DAYS days, to 0.1; null without one. */
  async vdot(ctx: RequestContext, s: TrainingSummary): Promise<number | null> {
    const { vdot } = await this.fitness(ctx, s);
    return vdot === null ? null : round(vdot, 1);
  }

  /** Every race distance predicted from VDOT (Riegel from the best effort where VDOT is undefined). */
  async predictions(ctx: RequestContext, s: TrainingSummary): Promise<RacePrediction[]> {
    const { predictions } = await this.fitness(ctx, s);
    return predictions.map((p) => ({ distance: p.distance as RaceDistance, duration: p.duration }));
  }

  /** Time in each heart-rate zone over the summary's weeks: the sum of its runs' (HeartRatesService.runZones). */
  async heartRateZones(ctx: RequestContext, s: TrainingSummary): Promise<ZoneTime[]> {
    const timeZone = await viewerTimeZone(ctx);
    const starts = weekStarts(s.weekCount, s.asOf, timeZone);
    // A week always has both bounds (only an all-time period has none).
    const to = periodRange('WEEK', s.asOf, timeZone).to!;
    const limits = await this.heartRates.limits(ctx);
    if (!limits) return [];
    const runs = await heartRatesBetween(ctx.db, s.ownerId, starts[0], to);
    return zoneTimes(
      runs.map((r) => r.histogram),
      limits,
    );
  }

  /**
   * Daily acute/chronic load from the first day of the first week to today, days in the viewer's
   * time zone (each `date` is the instant its local day starts). A run with heart rate scores
   * heart-rate TRIMP for its heart-rate time (runLoadWithHeartRate, with the runner's max and
   * resting heart rate, set or estimated); the rest, and runs without heart rate, score runLoad with
   * the runner's threshold pace from their current VDOT (one point a minute without one). Runs from
   * LOAD_WARMUP_DAYS before the range warm the EWMAs up; older ones change nothing measurable and
   * are not read.
   */
  async load(ctx: RequestContext, s: TrainingSummary): Promise<DailyLoad[]> {
    const timeZone = await viewerTimeZone(ctx);
    const from = weekStarts(s.weekCount, s.asOf, timeZone)[0];
    const { to } = periodRange('WEEK', s.asOf, timeZone);
    const { vdot } = await this.fitness(ctx, s);
    const athlete = { thresholdPace: vdot === null ? null : trainingPaces(vdot).threshold };
    const limits = await this.heartRates.limits(ctx);
    const runs = await ctx.db.query<{ startedAt: Date; distance: number; duration: number; from: number | null; seconds: number[] | null }>(
      `SELECT r.started_at AS "startedAt", r.distance, r.duration, h.from_bpm AS "from", h.seconds
         FROM runs r LEFT JOIN run_heart_rates h ON h.run_id = r.id
        WHERE r.user_id = $1 AND r.started_at >= $2 AND r.started_at < $3`,
      [s.ownerId, new Date(from.getTime() - LOAD_WARMUP_DAYS * DAY_MS), to],
    );
    // dailyLoadSeries counts whole days of 24 hours: it gets local dates as calendar days
    // (calendarDay), and each reported day goes back to the instant it starts in the zone.
    const days = runs.map((r) => ({
      date: calendarDay(r.startedAt, timeZone),
      load:
        limits && r.from !== null && r.seconds
          ? runLoadWithHeartRate(r, { from: r.from, seconds: r.seconds }, limits, athlete)
          : runLoad(r, athlete),
    }));
    return dailyLoadSeries(days, calendarDay(from, timeZone), calendarDay(s.asOf, timeZone)).map((d) => ({
      date: calendarDayStart(d.date, timeZone),
      acute: round(d.acute, 2),
      chronic: round(d.chronic, 2),
      balance: round(d.balance, 2),
    }));
  }

  /** Active shoes at or past 80 % of their life. */
  shoeAlerts(ctx: RequestContext): Promise<Shoe[]> {
    return this.shoes.alerts(ctx);
  }

  private bests(ctx: RequestContext, s: TrainingSummary) {
    return ctx.loaders.viewerBestEfforts.load(new Date(s.asOf.getTime() - VDOT_WINDOW_DAYS * DAY_MS));
  }

  private async fitness(ctx: RequestContext, s: TrainingSummary): Promise<Fitness> {
    return fitnessFromEfforts((await this.bests(ctx, s)).recent);
  }
}
