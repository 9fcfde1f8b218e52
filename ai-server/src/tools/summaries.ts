import type { ToolOutput, outputs } from '../tools';
import { RUNNER_TOOLS } from './register';

// The short text each tool's result comes with, for clients that show only text (the result
// itself follows as JSON: tool-results.ts).

type Summary = (result: Record<string, unknown>) => string;

/** A summary of the result of a tool answering `outputs[N]` (results reach it only from that tool). */
const of =
  <N extends keyof typeof outputs>(summary: (result: ToolOutput<N>) => string): Summary =>
  (result) =>
    summary(result as ToolOutput<N>);

const SUMMARIES: Record<string, Summary> = {
  get_user_context: of<'userContext'>(
    (c) => `${c.profile.name} (@${c.profile.username}): ${c.thisWeek.distanceKm} km in ${c.thisWeek.runCount} runs this week.`,
  ),
  list_runs: of<'listRuns'>((r) => `${r.runs.length} runs${r.hasMore ? ', more follow' : ''}.`),
  get_run: of<'getRun'>((r) => `${r.name ?? 'Run'} on ${r.startedAt.slice(0, 10)}: ${r.distanceKm} km in ${r.time} (${r.pace}).`),
  log_run: of<'logRun'>(
    ({ logged: r, shared }) => `Logged ${r.distanceKm} km in ${r.time} (${r.pace})${shared ? ', shared with your followers' : ''}.`,
  ),
  shoe_report: of<'shoeReport'>(
    (r) => `${r.shoes.length} active shoes${r.shoes.some((s) => s.retire) ? '; some are due for retirement' : ''}.`,
  ),
  training_summary: of<'trainingSummary'>(
    (r) => `${r.weeks.length} weeks of training; VDOT ${r.vdot ?? 'unknown'}${r.load ? `; load ${r.load.reading}` : ''}.`,
  ),
  predict_race: of<'predictRace'>((r) => (r.time ? `${r.distance}: ${r.time} (${r.pace}, by ${r.method}).` : `${r.distance}: ${r.reason}`)),
  generate_training_plan: of<'generatePlan'>((p) => `A ${p.workouts.length}-workout plan to the ${p.goal} on ${p.raceDate}.`),
  server_health: of<'serverHealth'>((h) => `Status ${h.status}: database ${h.database}, Redis ${h.redis}.`),
  ...Object.fromEntries(RUNNER_TOOLS.map((tool) => [tool.name, tool.summary])),
};

/** The text for the result of the tool `name`. */
export function summarize(name: string, result: Record<string, unknown>): string {
  return SUMMARIES[name]?.(result) ?? `${name} done.`;
}
