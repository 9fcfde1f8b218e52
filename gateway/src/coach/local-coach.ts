import { distanceUnit, formatDistance, formatDuration, metresPerUnit, paceSecondsPerKm, toDisplayDistance } from '@maratron/domain';
import type { UnitSystem } from '@maratron/domain';
import type { ToolOutput } from '@maratron/ai-server';
import type { CoachTurn } from './claude';
import type { McpSession } from './mcp-client';

// The coach without a language model: it recognises the common questions, calls the same MCP
// tools Claude would, and writes the answer from their results — the runner's own numbers.

type Goal = 'K5' | 'K10' | 'HALF_MARATHON' | 'MARATHON';
const GOAL_NAMES: Record<Goal, string> = { K5: '5K', K10: '10K', HALF_MARATHON: 'half marathon', MARATHON: 'marathon' };

export type Intent = 'log' | 'plan' | 'shoes' | 'predict' | 'ready' | 'training' | 'help';

/** The periods the coach can sum up: the runner's own numbers for each come from get_user_context. */
export type CoachPeriod = 'this_week' | 'last_week' | 'this_month' | 'this_year';

/** Words that make a message about the runner's running (a period alone is not enough: "the weather this week"). */
const RUNNING_WORDS =
  /\b(runs?|running|ran|jog\w*|train\w*|workouts?|km|kms|kilomet\w*|miles?|mileage|pace|race\w*|marathon|5k|10k|parkrun|fitness|load|vdot|volume|progress\w*|distance|effort|doing|going|summar\w*)\b/;
const PERIOD_WORDS = /\b(week|month|year)\b/;

/**
 * The question's intent, by keywords. A question about the runner's running (or their week,
 * month or year) is "how is my training"; anything else is out of scope, and gets what the coach
 * can help with.
 */
export function intentOf(message: string): Intent {
  const m = message.toLowerCase();
  if (/\bplan\b|schedule|programme|program\b/.test(m)) return 'plan';
  // "I ran 10 km in 52:30", "log a 5k run": telling, not asking.
  if (!m.includes('?') && /\b(log|record|add)\b.*\brun\b|\bi\s+(just\s+)?(ran|did|jogged)\b|^\s*(just\s+)?(ran|did|jogged)\b/.test(m))
    return 'log';
  if (/shoe|sneaker|trainers?\b|retire/.test(m)) return 'shoes';
  if (/ready|prepared/.test(m)) return 'ready';
  if (/predict|what time|how fast|finish time|could i run/.test(m)) return 'predict';
  if (RUNNING_WORDS.test(m) || (PERIOD_WORDS.test(m) && /\b(my|i|me)\b/.test(m))) return 'training';
  return 'help';
}

/**
 * The period a question asks about: last week, this year, this month or this week; none named,
 * a summary is of last week and "how is my training" of this week.
 */
export function periodOf(message: string): CoachPeriod {
  const m = message.toLowerCase();
  if (/\b(last|past|previous) week\b/.test(m)) return 'last_week';
  if (/\byear\b|\bytd\b/.test(m)) return 'this_year';
  if (/\bmonth\b/.test(m)) return 'this_month';
  if (/\bweek\b/.test(m)) return 'this_week';
  return /summar/.test(m) ? 'last_week' : 'this_week';
}

/** What the local coach answers a question it can't: what it can do. */
export const LOCAL_COACH_SCOPE =
  'I can help with your running: how your training is going (this week, last week, this month or this year), whether you are ready for a race, a race-time prediction, which shoes to retire, a training plan, and logging a run you tell me about ("I ran 10 km in 52:30").';

/** The race a message names, if any. */
export function goalOf(message: string): Goal | null {
  const m = message.toLowerCase();
  if (/half/.test(m)) return 'HALF_MARATHON';
  if (/marathon/.test(m)) return 'MARATHON';
  if (/\b10\s?k\b|10 ?km|10,000/.test(m)) return 'K10';
  if (/\b5\s?k\b|5 ?km|parkrun/.test(m)) return 'K5';
  return null;
}

/** A race date in the message: an ISO date, or "in N weeks"; otherwise twelve weeks from now. */
export function raceDateOf(message: string, now = new Date()): string {
  const iso = /\b(\d{4}-\d{2}-\d{2})\b/.exec(message);
  if (iso) return iso[1];
  const weeks = /in (\d{1,2}) weeks/i.exec(message);
  const days = (weeks ? Number(weeks[1]) : 12) * 7;
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

const DISTANCE_UNITS: [RegExp, number][] = [
  [/^(km|k|kms|kilomet(?:re|er)s?)$/, 1000],
  [/^(mi|mile|miles)$/, 1609.344],
  [/^(m|metres?|meters?)$/, 1],
];

/** The run a message tells of: its distance and time, and whether it was yesterday (else it ended now), as far as they are given. */
export function runOf(message: string): { distance: number | null; duration: number | null; yesterday: boolean } {
  const m = message.toLowerCase().replace(/(\d),(\d)/g, '$1.$2');
  let distance: number | null = null;
  const named = /\b(half[\s-]?marathon|marathon)\b/.exec(m);
  for (const match of m.matchAll(/(\d+(?:\.\d+)?)\s*([a-z]+)/g)) {
    const unit = DISTANCE_UNITS.find(([pattern]) => pattern.test(match[2]));
    if (unit) {
      distance = Number(match[1]) * unit[1];
      break;
    }
  }
  if (distance === null && named) distance = named[1].startsWith('half') ? 21_097.5 : 42_195;

  let duration: number | null = null;
  const clock = /\b(\d{1,2}):(\d{2})(?::(\d{2}))?\b/.exec(m);
  if (clock) {
    const [a, b, c] = [Number(clock[1]), Number(clock[2]), clock[3] === undefined ? null : Number(clock[3])];
    // "52:30" is minutes and seconds; "1:45" for a half marathon is hours and minutes: read
    // as minutes it would be a pace no runner holds (under 2:30 per km).
    const asMinutes = a * 60 + b;
    duration = c !== null ? a * 3600 + b * 60 + c : distance && asMinutes / (distance / 1000) < 150 ? a * 3600 + b * 60 : asMinutes;
  } else {
    const hours = /(\d+(?:\.\d+)?)\s*(h|hr|hrs|hours?)\b/.exec(m);
    const minutes = /(\d+(?:\.\d+)?)\s*(min|mins|minutes?)\b/.exec(m);
    const seconds = /(\d+)\s*(s|sec|secs|seconds?)\b/.exec(m);
    if (hours || minutes)
      duration = Math.round(
        (hours ? Number(hours[1]) * 3600 : 0) + (minutes ? Number(minutes[1]) * 60 : 0) + (seconds ? Number(seconds[1]) : 0),
      );
  }
  return { distance, duration, yesterday: /\byesterday\b/.test(m) };
}

/** How an answer prints distances and paces: in the runner's units ("12.3 km", "7.6 mi", "5:12/km", "8:22/mi"). */
interface Units {
  distance(metres: number): string;
  /** The number alone ("499.8"), for "499.8 of 500.0 km". */
  amount(metres: number): string;
  pace(distance: number, duration: number): string;
}

function unitsOf(system: UnitSystem): Units {
  return {
    distance: (metres) => formatDistance(metres, system, 1),
    amount: (metres) => toDisplayDistance(metres, system).toFixed(1),
    pace: (distance, duration) =>
      `${formatDuration((paceSecondsPerKm(distance, duration) * metresPerUnit(system)) / 1000)}/${distanceUnit(system)}`,
  };
}

export async function runLocalCoach(
  mcp: McpSession,
  message: string,
  onText: (delta: string) => void,
  system: UnitSystem = 'METRIC',
): Promise<CoachTurn> {
  const units = unitsOf(system);
  const toolCalls: CoachTurn['toolCalls'] = [];
  const tool: ToolFn = async (name, args = {}) => {
    toolCalls.push({ name, arguments: JSON.stringify(args) });
    const outcome = await mcp.call(name, args);
    if (outcome.isError) throw new ToolFailure(outcome.error?.message ?? outcome.text);
    // Checked against the tool's outputSchema by the MCP client.
    return outcome.result as ToolResults[typeof name];
  };
  let sentences: string[];
  try {
    sentences = await answer(intentOf(message), message, tool, units);
  } catch (error) {
    if (!(error instanceof ToolFailure)) throw error;
    sentences = [`I couldn't do that: ${error.message}.`];
  }
  // Streamed a sentence at a time, as a model would write it.
  const parts = sentences.map((s, i) => (i === 0 ? s : ` ${s}`));
  for (const part of parts) onText(part);
  return { text: parts.join(''), toolCalls };
}

class ToolFailure extends Error {}

type WeekVolume = ToolOutput<'userContext'>['thisWeek'];

/** What each MCP tool the local coach calls answers with (the ai-server's output schemas). */
interface ToolResults {
  log_run: ToolOutput<'logRun'>;
  get_user_context: ToolOutput<'userContext'>;
  generate_training_plan: ToolOutput<'generatePlan'>;
  shoe_report: ToolOutput<'shoeReport'>;
  predict_race: ToolOutput<'predictRace'>;
  training_summary: ToolOutput<'trainingSummary'>;
}

type ToolFn = <N extends keyof ToolResults>(name: N, args?: Record<string, unknown>) => Promise<ToolResults[N]>;

async function answer(intent: Intent, message: string, tool: ToolFn, units: Units): Promise<string[]> {
  switch (intent) {
    case 'log': {
      const run = runOf(message);
      if (run.distance === null || run.duration === null) {
        return [
          'To log a run I need its distance and its time, for example: "I ran 10 km in 52:30" or "log a 5k run in 26 minutes yesterday".',
        ];
      }
      // It ended about now (or this time yesterday), so it started its duration earlier.
      const startedAt = new Date(Date.now() - (run.yesterday ? 86_400_000 : 0) - run.duration * 1000).toISOString();
      await tool('log_run', { startedAt, distance: run.distance, duration: run.duration });
      const ctx = await tool('get_user_context');
      return [
        `Logged: ${units.distance(run.distance)} in ${formatDuration(run.duration)} (${units.pace(run.distance, run.duration)})${run.yesterday ? ' yesterday' : ''}.`,
        `This week so far: ${units.distance(ctx.thisWeek.distance)} in ${ctx.thisWeek.runCount} run${ctx.thisWeek.runCount === 1 ? '' : 's'}.`,
      ];
    }
    case 'plan': {
      const goal = goalOf(message) ?? 'HALF_MARATHON';
      const raceDate = raceDateOf(message);
      const plan = await tool('generate_training_plan', { goal, raceDate });
      const workouts = plan.workouts;
      const byWeek = new Map<string, number>();
      for (const w of workouts.filter((w) => w.kind !== 'race')) {
        const d = new Date(w.date);
        const monday = new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
        byWeek.set(monday, (byWeek.get(monday) ?? 0) + w.distance);
      }
      const volumes = [...byWeek.values()];
      const first = workouts[0];
      const longest = Math.max(...workouts.filter((w) => w.kind === 'long').map((w) => w.distance), 0);
      return [
        `Here is your ${byWeek.size}-week plan for the ${GOAL_NAMES[goal]} on ${plan.raceDate}: ${workouts.length - 1} sessions before race day.`,
        `Week one is ${units.distance(volumes[0] ?? 0)}, building to ${units.distance(Math.max(...volumes, 0))} at the peak (never more than 10 % a week, with a lighter week every third or fourth), with the longest long run ${units.distance(longest)}, then a taper.`,
        first ? `First up, ${first.date}: ${first.description}` : '',
        'The whole plan is in Training → Plan.',
      ].filter(Boolean);
    }
    case 'shoes': {
      const { shoes } = await tool('shoe_report');
      if (!shoes.length) return ["You have no active shoes logged. Add your pair and I'll track its wear."];
      // The shoe alerts' own rule (shoeWear), as the report gives it: a shoe shown at 100 % is due for retirement.
      const retire = shoes.filter((s) => s.wear === 'retire');
      const soon = shoes.filter((s) => s.wear === 'alert');
      const lines = shoes.map(
        (s) =>
          `${s.name}: ${units.amount(s.distanceKm * 1000)} of ${units.distance(s.maxDistanceKm * 1000)} (${s.usagePercent} %), ${units.distance(s.remainingKm * 1000)} left.`,
      );
      const verdict = retire.length
        ? [`Retire ${names(retire)} now.`, ...(soon.length ? [`Plan a replacement for ${names(soon)}.`] : [])]
        : soon.length
          ? [`Nothing to retire yet, but plan a replacement for ${names(soon)}.`]
          : ['None of your shoes needs retiring yet.'];
      return [...verdict, ...lines];
    }
    case 'predict': {
      const goal = goalOf(message) ?? 'K10';
      const p = await tool('predict_race', { distance: goal });
      if (!p.time) return [`I can't predict a ${GOAL_NAMES[goal]} yet: ${p.reason}`];
      return [
        `Your predicted ${GOAL_NAMES[goal]} time is ${p.time} (${p.pace}).`,
        p.method === 'VDOT'
          ? `That comes from your VDOT of ${p.vdot}, set by your best recent effort.`
          : "That is Riegel's formula applied to your best recent effort.",
      ];
    }
    case 'ready': {
      const goal = goalOf(message) ?? 'HALF_MARATHON';
      const [ctx, p] = [await tool('get_user_context'), await tool('predict_race', { distance: goal })];
      const average = ctx.lastFourWeeks.reduce((s: number, w: WeekVolume) => s + w.distance, 0) / 4;
      const needs: Record<Goal, number> = { K5: 15_000, K10: 25_000, HALF_MARATHON: 35_000, MARATHON: 50_000 };
      const ready = average >= needs[goal];
      return [
        `Over the last four weeks you averaged ${units.distance(average)} a week; this week so far ${units.distance(ctx.thisWeek.distance)}.`,
        p.time
          ? `Your current fitness predicts a ${GOAL_NAMES[goal]} in ${p.time} (${p.method}).`
          : `I have no recent effort to predict a ${GOAL_NAMES[goal]} from.`,
        ready
          ? `That volume supports a ${GOAL_NAMES[goal]}: keep your long runs going and taper in the last ${goal === 'MARATHON' ? 'three weeks' : 'week or two'}.`
          : `For a comfortable ${GOAL_NAMES[goal]} aim for about ${units.distance(needs[goal])} a week first; raise it by no more than 10 % a week.`,
      ];
    }
    case 'training':
      return periodSummary(periodOf(message), tool, units);
    case 'help':
      return ["That's outside what I can do as your running coach.", LOCAL_COACH_SCOPE];
  }
}

const names = (shoes: { name: string }[]) => shoes.map((s) => s.name).join(' and ');
const runs = (n: number) => `${n} run${n === 1 ? '' : 's'}`;

/** A period's own figures: this week against the last four, last week against the three before, this month, this year. */
async function periodSummary(period: CoachPeriod, tool: ToolFn, units: Units): Promise<string[]> {
  const ctx = await tool('get_user_context');
  const sinceMonday = `This week so far: ${units.distance(ctx.thisWeek.distance)} in ${runs(ctx.thisWeek.runCount)}.`;
  switch (period) {
    case 'this_week': {
      const summary = await tool('training_summary', { weeks: 5 });
      const average = ctx.lastFourWeeks.reduce((s: number, w: WeekVolume) => s + w.distance, 0) / 4;
      return [
        `This week you have run ${units.distance(ctx.thisWeek.distance)} in ${runs(ctx.thisWeek.runCount)}, against ${units.distance(average)} a week over the last four.`,
        summary.load ? `Your training load is ${summary.load.reading}.` : '',
        summary.vdot !== null ? `Your VDOT is ${summary.vdot}.` : 'Log a run of 5 km or more and I can estimate your VDOT.',
        ctx.recentRecords.length
          ? `Best efforts: ${ctx.recentRecords.map((r) => `${GOAL_NAMES[r.distance as Goal]} ${r.time}`).join(', ')}.`
          : '',
      ].filter(Boolean);
    }
    case 'last_week': {
      const last = ctx.lastFourWeeks[ctx.lastFourWeeks.length - 1];
      const before = ctx.lastFourWeeks.slice(0, -1);
      const average = before.reduce((s: number, w: WeekVolume) => s + w.distance, 0) / before.length;
      const change = average > 0 ? Math.round(((last.distance - average) / average) * 100) : null;
      return [
        `Last week (from ${last.weekStart}) you ran ${units.distance(last.distance)} in ${runs(last.runCount)}.`,
        change === null
          ? 'There is nothing earlier to compare it with.'
          : `That is ${Math.abs(change)} % ${change >= 0 ? 'more' : 'less'} than your ${units.distance(average)} average of the three weeks before.`,
        sinceMonday,
      ];
    }
    case 'this_month':
    case 'this_year': {
      const [label, totals] = period === 'this_month' ? ['This month', ctx.thisMonth] : ['This year', ctx.thisYear];
      if (totals.runCount === 0) return [`${label} you have not logged a run yet.`, sinceMonday];
      return [
        `${label} you have run ${units.distance(totals.distance)} in ${runs(totals.runCount)}, ${formatDuration(totals.duration)} in all, at ${units.pace(totals.distance, totals.duration)} on average.`,
        sinceMonday,
      ];
    }
  }
}
