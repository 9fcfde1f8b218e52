import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { completable } from '@modelcontextprotocol/sdk/server/completable.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { GetPromptResult } from '@modelcontextprotocol/sdk/types.js';
import { DomainError, MAX_PLAN_WEEKS, RaceDistance, generateTrainingPlan } from '@maratron/domain';
import type { TokenScope } from '@maratron/domain';
import { assertScope, scopeOf } from '@maratron/core';
import { z } from 'zod';

// The MCP prompts: ready-made requests a runner picks in their MCP client. They carry no data of
// their own — they tell the model which tools to call for the runner's numbers, so a prompt
// never shows more than the tools it names would (and those check the token's scopes again).

const DAY_MS = 86_400_000;

/** How a runner names each distance, in the order completion offers them. */
const RACE_LABELS: Record<RaceDistance, string> = {
  [RaceDistance.K5]: '5K',
  [RaceDistance.K10]: '10K',
  [RaceDistance.HALF_MARATHON]: 'half marathon',
  [RaceDistance.MARATHON]: 'marathon',
};

/**
 * Which of Maratron's race distances a race name means: "10K", "Half Marathon", "HALF_MARATHON",
 * "Berlin Marathon", "21.1 km", "parkrun"… Null for anything else (an ultra, a mile, a 15K):
 * the tools only know these four. "half" is looked for before "marathon", which it contains.
 */
export function raceDistanceOf(name: string): RaceDistance | null {
  const n = name.toLowerCase().replace(/_/g, ' ').replace(/\s+/g, ' ').trim();
  if (/ultra/.test(n)) return null;
  if (/\bhalf\b|\b21(\.1)? ?km?\b|\b13\.1\b/.test(n)) return RaceDistance.HALF_MARATHON;
  if (/marathon|\b42(\.2)? ?km?\b|\b26\.2\b/.test(n)) return RaceDistance.MARATHON;
  if (/\b10 ?km?\b|\bk10\b|\b10,?000 ?m\b/.test(n)) return RaceDistance.K10;
  if (/\b5 ?km?\b|\bk5\b|\b5,?000 ?m\b|parkrun/.test(n)) return RaceDistance.K5;
  return null;
}

/** The race distances whose name contains what was typed (all four for nothing typed). */
function completeRace(typed: string): string[] {
  const t = typed.trim().toLowerCase();
  return Object.values(RACE_LABELS).filter((label) => label.toLowerCase().includes(t));
}

/** YYYY-MM-DD as 00:00 UTC of that day, or null for anything that is not a calendar date ("2027-02-30"). */
function calendarDate(text: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text) ? date : null;
}

/**
 * Why a plan can't be made to `raceDate`, or null when it can: generate_training_plan's own rule
 * (after today, within MAX_PLAN_WEEKS weeks), asked of the pure generator itself so the prompt
 * never accepts a date the tool it names would refuse, nor refuses one it would take.
 */
function raceDateProblem(raceDate: Date): string | null {
  try {
    generateTrainingPlan({ goal: RaceDistance.K5, raceDate, daysPerWeek: 3, vdot: null, recentWeeklyDistance: 0, today: new Date() });
    return null;
  } catch (error) {
    if (error instanceof RangeError) return error.message;
    throw error;
  }
}

/**
 * Race days to offer: Saturdays and Sundays (when most road races are run) from tomorrow, up to
 * a week short of the plan's limit (so every one offered is one a plan can be made to), that
 * start with what was typed. The client is sent the first 100 with the total.
 */
function completeRaceDate(typed: string): string[] {
  const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const days: string[] = [];
  for (let d = today + DAY_MS; d <= today + (MAX_PLAN_WEEKS - 1) * 7 * DAY_MS; d += DAY_MS) {
    const weekday = new Date(d).getUTCDay();
    const iso = new Date(d).toISOString().slice(0, 10);
    if ((weekday === 0 || weekday === 6) && iso.startsWith(typed.trim())) days.push(iso);
  }
  return days;
}

/** The arguments of race_preparation: what the SDK checks (a bad one is InvalidParams) and completes. */
export const racePreparationArgs = {
  race: completable(
    z
      .string()
      .max(100, 'must be at most 100 characters')
      .refine((name) => raceDistanceOf(name) !== null, 'must name a 5K, 10K, half marathon or marathon (e.g. "Berlin Marathon")')
      .describe('The goal race: its distance ("5K", "10K", "half marathon", "marathon") or its name ("Berlin Marathon")'),
    completeRace,
  ),
  date: completable(
    z
      .string()
      .superRefine((text, ctx) => {
        const date = calendarDate(text);
        const problem = date ? raceDateProblem(date) : 'must be a date as YYYY-MM-DD';
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .describe(`Race day, YYYY-MM-DD: after today, within ${MAX_PLAN_WEEKS} weeks`),
    completeRaceDate,
  ),
};

const userText = (text: string): GetPromptResult => ({ messages: [{ role: 'user', content: { type: 'text', text } }] });

/**
 * Registers the prompts on `server` for a caller whose token has `scopes` (null: a session). Each
 * needs the scope declared for it in SCOPES.Prompt (core/src/auth/scopes.ts) — the one the tools
 * it names need — FORBIDDEN with requiredScope otherwise, as a JSON-RPC error like a resource's.
 */
export function registerPrompts(server: McpServer, scopes: readonly TokenScope[] | null): void {
  const allowed = (name: string) => {
    try {
      assertScope(scopes, scopeOf('Prompt', name));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      throw new McpError(ErrorCode.InvalidRequest, `${error.code}: ${error.message}`, error.toJSON());
    }
  };

  server.registerPrompt(
    'weekly_review',
    { title: 'Weekly review', description: "Review the runner's week against their recent training and goals" },
    () => {
      allowed('weekly_review');
      return userText(
        'Review my training week. Call get_user_context, then training_summary; compare this week with the last four ' +
          '(distance, runs, load balance), mention any shoe that needs retiring (shoe_report), and end with two concrete ' +
          'suggestions for next week. Use my numbers.',
      );
    },
  );

  server.registerPrompt(
    'race_preparation',
    {
      title: 'Race preparation',
      description: "Prepare the runner for a goal race on a date: today's predicted time, a training plan to race day, and race shoes",
      argsSchema: racePreparationArgs,
    },
    ({ race, date }) => {
      allowed('race_preparation');
      // Both were checked by the schema: a known distance and a date a plan can be made to.
      const distance = raceDistanceOf(race)!;
      const days = Math.round((calendarDate(date)!.getTime() - Math.floor(Date.now() / DAY_MS) * DAY_MS) / DAY_MS);
      const named =
        race.trim().toLowerCase() === RACE_LABELS[distance].toLowerCase()
          ? RACE_LABELS[distance]
          : `${race.trim()} (${RACE_LABELS[distance]})`;
      return userText(
        `I'm racing ${named} on ${date}, ${days} days from today. Help me prepare, from my own data:\n` +
          '1. Call get_user_context for my profile, goals, recent weeks and shoes.\n' +
          `2. Call predict_race with distance ${distance} for the time I could run today, and training_summary ` +
          '(weeks: 12) for my volume, load balance and records.\n' +
          `3. Call generate_training_plan with goal ${distance} and raceDate ${date} (add targetDuration in seconds ` +
          'if I have a goal time); it becomes my current plan.\n' +
          '4. Call shoe_report: pick a pair with enough life left to train and race in, and say which to retire before race day.\n' +
          'Then tell me a realistic goal time from the prediction, whether my current volume is enough for the distance, ' +
          "the plan's phases with its key workouts, and what to do in race week. Use my numbers, not generic advice.",
      );
    },
  );

  server.registerPrompt(
    'shoe_check',
    { title: 'Shoe check', description: "Check the runner's shoes: wear, which to retire, and how to rotate them" },
    () => {
      allowed('shoe_check');
      return userText(
        'Check my running shoes. Call shoe_report for each active pair (distance, remaining life, whether to retire it), ' +
          'then list_runs (limit: 50) to see which pair my recent runs used and how often. Tell me which pairs to retire ' +
          'now, which will need replacing within a month at my current volume, and whether I rotate them well. ' +
          'Use my numbers.',
      );
    },
  );
}
