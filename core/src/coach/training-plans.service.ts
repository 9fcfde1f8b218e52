import { badInput, generateTrainingPlan, parseId, parseInput, trainingPlanInputSchema } from '@maratron/domain';
import { TrainingPlan } from '@maratron/schema';
import type { PlannedWorkout } from '@maratron/schema';
import { requireViewer } from '../context';
import type { RequestContext } from '../context';
import type { TrainingService } from '../training/training.service';
import { PLAN_COLUMNS } from './coach.sql';
import type { StoredTrainingPlan } from './coach.sql';

/** The recent volume a plan starts from: the average of the last four complete weeks. */
const RECENT_WEEKS = 4;

/**
 * Training plans: generated from the runner's own recent volume, VDOT and training profile (level,
 * preferred days) by the pure generateTrainingPlan, stored, and read back (the viewer's own only).
 * The MCP tool generate_training_plan and the GraphQL mutation both come here.
 */
export class TrainingPlansService {
  constructor(private readonly training: TrainingService) {}

  async generate(ctx: RequestContext, input: unknown): Promise<TrainingPlan> {
    const viewerId = requireViewer(ctx);
    const req = parseInput(trainingPlanInputSchema, input);
    const summary = this.training.summary(ctx, RECENT_WEEKS + 1);
    const [weeks, vdot, profile] = await Promise.all([
      this.training.weeks(ctx, summary),
      this.training.vdot(ctx, summary),
      ctx.loaders.trainingProfile.load(viewerId),
    ]);
    const complete = weeks.slice(0, RECENT_WEEKS);
    const recentWeeklyDistance = complete.reduce((sum, w) => sum + w.distance, 0) / complete.length;
    let plan;
    try {
      // The runner's level sets the volume, long-run cap and cut-back rhythm; their preferred days, the days.
      plan = generateTrainingPlan({
        ...req,
        vdot,
        recentWeeklyDistance,
        today: summary.asOf,
        level: profile?.level ?? null,
        preferredDays: profile?.preferredDays ?? [],
      });
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      // The schema has checked days a week (3..7): what the generator refuses here is the race date
      // ("the race must be after today").
      throw badInput('raceDate', error.message.charAt(0).toUpperCase() + error.message.slice(1));
    }
    const workouts: PlannedWorkout[] = plan.workouts.map((w) => ({
      date: w.date,
      kind: w.kind,
      distance: w.distance,
      targetPace: w.targetPace === null ? null : Math.round(w.targetPace * 10) / 10,
      description: w.description,
    }));
    const rows = await ctx.db.query<StoredTrainingPlan>(
      `INSERT INTO training_plans AS p (user_id, goal, race_date, target_duration, days_per_week, workouts)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${PLAN_COLUMNS}`,
      [viewerId, req.goal, req.raceDate, req.targetDuration, req.daysPerWeek, JSON.stringify(workouts)],
    );
    return toPlan(rows[0]);
  }

  /** One of the viewer's plans, or null. */
  async get(ctx: RequestContext, id: string): Promise<TrainingPlan | null> {
    requireViewer(ctx);
    const rows = await ctx.db.query<StoredTrainingPlan>(`SELECT ${PLAN_COLUMNS} FROM training_plans p WHERE p.id = $1`, [parseId(id)]);
    return rows[0] ? toPlan(rows[0]) : null;
  }

  /** The viewer's most recent plan, or null. */
  async latest(ctx: RequestContext): Promise<TrainingPlan | null> {
    const viewerId = requireViewer(ctx);
    const rows = await ctx.db.query<StoredTrainingPlan>(
      `SELECT ${PLAN_COLUMNS} FROM training_plans p WHERE p.user_id = $1 ORDER BY p.created_at DESC, p.id DESC LIMIT 1`,
      [viewerId],
    );
    return rows[0] ? toPlan(rows[0]) : null;
  }
}

/** Workouts come back from jsonb with ISO strings for dates. */
function toPlan(row: StoredTrainingPlan): TrainingPlan {
  return Object.assign(new TrainingPlan(), { ...row, workouts: row.workouts.map((w) => ({ ...w, date: new Date(w.date) })) });
}
