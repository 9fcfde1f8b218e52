import { useMutation, useQuery } from '@apollo/client';
import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { GenerateTrainingPlanMutation, TrainingPlanQuery } from '../api/operations';
import type { RaceDistance, TrainingPlanFieldsFragment } from '../gql/graphql';
import { formErrors } from '../lib/errors';
import type { FormErrors } from '../lib/errors';
import {
  CALENDAR_DAY,
  formatDate,
  formatDistance,
  formatDuration,
  formatPace,
  formatShortDate,
  parseDuration,
  RACE_LABELS,
} from '../lib/format';
import type { Units } from '../lib/format';
import { Button, Card, Dialog, Empty, ErrorBox, Loading, PageHeader, SelectField, TextField } from '../ui/components';
import { Icon } from '../ui/icons';
import { useUnits } from '../viewer';

const DAY = 86_400_000;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Monday 00:00 UTC of the date's ISO week (plans are dated in UTC, like the API). */
function weekStart(iso: string): number {
  const d = new Date(iso);
  const day = (d.getUTCDay() + 6) % 7;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - day * DAY;
}

type Workout = TrainingPlanFieldsFragment['workouts'][number];

export default function Plan() {
  const units = useUnits();
  const { data, loading, error, refetch } = useQuery(TrainingPlanQuery);
  const [generating, setGenerating] = useState(false);
  const plan = data?.trainingPlan;
  return (
    <>
      <PageHeader
        title="Training plan"
        subtitle={
          plan
            ? `${RACE_LABELS[plan.goal]} on ${formatDate(plan.raceDate, CALENDAR_DAY)}${plan.targetDuration ? `, aiming for ${formatDuration(plan.targetDuration)}` : ''}`
            : 'A week-by-week plan towards your next race.'
        }
        actions={
          <Button onClick={() => setGenerating(true)}>
            <Icon name="plan" /> {plan ? 'New plan' : 'Create a plan'}
          </Button>
        }
      />
      {error && <ErrorBox error={error} retry={() => void refetch()} />}
      {loading && !data && <Loading />}
      {data && !plan && (
        <Card>
          <Empty title="No plan yet">Pick a goal race and the coach builds the weeks up to it from your recent training.</Empty>
        </Card>
      )}
      {plan && <PlanCalendar plan={plan} units={units} />}
      <Dialog open={generating} onClose={() => setGenerating(false)} title="Plan for a race">
        <PlanForm onDone={() => setGenerating(false)} />
      </Dialog>
    </>
  );
}

function PlanCalendar({ plan, units }: { plan: TrainingPlanFieldsFragment; units: Units }) {
  const weeks = useMemo(() => {
    const byWeek = new Map<number, Workout[]>();
    for (const w of [...plan.workouts].sort((a, b) => a.date.localeCompare(b.date))) {
      const key = weekStart(w.date);
      byWeek.set(key, [...(byWeek.get(key) ?? []), w]);
    }
    return [...byWeek.entries()].sort(([a], [b]) => a - b);
  }, [plan.workouts]);
  const today = Date.now();
  const raceDay = weekStart(plan.raceDate) + ((new Date(plan.raceDate).getUTCDay() + 6) % 7) * DAY;

  return (
    <div className="plan" data-testid="plan">
      {weeks.map(([start, workouts], i) => {
        const total = workouts.reduce((s, w) => s + w.distance, 0);
        const current = today >= start && today < start + 7 * DAY;
        return (
          <section key={start} className={`card plan-week ${current ? 'current' : ''}`} aria-labelledby={`week-${start}`}>
            <header className="plan-week-header">
              <h2 id={`week-${start}`}>
                Week {i + 1}
                {current && <span className="pill pill-accent">This week</span>}
              </h2>
              <span className="muted small">
                {formatShortDate(new Date(start).toISOString(), CALENDAR_DAY)} –{' '}
                {formatShortDate(new Date(start + 6 * DAY).toISOString(), CALENDAR_DAY)} · {formatDistance(total, units, 0)}
              </span>
            </header>
            <ol className="plan-days">
              {WEEKDAYS.map((label, d) => {
                const dayStart = start + d * DAY;
                const items = workouts.filter((w) => weekStart(w.date) + ((new Date(w.date).getUTCDay() + 6) % 7) * DAY === dayStart);
                const isRace = dayStart === raceDay;
                return (
                  <li
                    key={label}
                    className={`plan-day ${items.length ? '' : 'rest'} ${isRace ? 'race' : ''} ${today >= dayStart && today < dayStart + DAY ? 'today' : ''}`}
                  >
                    <span className="plan-day-label">
                      {label} <span className="muted">{new Date(dayStart).getUTCDate()}</span>
                    </span>
                    {items.length ? (
                      items.map((w, k) => (
                        <div key={k} className={`workout workout-${w.kind.toLowerCase().replace(/[^a-z]+/g, '-')}`} title={w.description}>
                          <span className="workout-kind">{w.kind}</span>
                          <span className="workout-distance">{formatDistance(w.distance, units, 1)}</span>
                          {w.targetPace != null && <span className="muted small">{formatPace(w.targetPace, units)}</span>}
                          <span className="workout-description">{w.description}</span>
                        </div>
                      ))
                    ) : (
                      <span className="muted small">{isRace ? 'Race day' : 'Rest'}</span>
                    )}
                  </li>
                );
              })}
            </ol>
          </section>
        );
      })}
    </div>
  );
}

function PlanForm({ onDone }: { onDone: () => void }) {
  const inTwelveWeeks = new Date(Date.now() + 84 * DAY).toISOString().slice(0, 10);
  const [v, setV] = useState({ goal: 'K10' as RaceDistance, raceDate: inTwelveWeeks, targetDuration: '', daysPerWeek: '4' });
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [generate, { loading }] = useMutation(GenerateTrainingPlanMutation, {
    update(cache, { data }) {
      if (data) cache.writeQuery({ query: TrainingPlanQuery, data: { trainingPlan: data.generateTrainingPlan } });
    },
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    const race = new Date(`${v.raceDate}T09:00:00Z`);
    if (Number.isNaN(race.getTime()) || race.getTime() < Date.now()) fields.raceDate = 'Pick a race date in the future.';
    const target = v.targetDuration.trim() ? parseDuration(v.targetDuration) : null;
    if (v.targetDuration.trim() && !target) fields.targetDuration = 'As h:mm:ss or mm:ss.';
    if (Object.keys(fields).length) return setErrors({ fields });
    try {
      await generate({
        variables: { input: { goal: v.goal, raceDate: race.toISOString(), targetDuration: target, daysPerWeek: Number(v.daysPerWeek) } },
      });
      onDone();
    } catch (err) {
      setErrors(formErrors(err, ['goal', 'raceDate', 'targetDuration', 'daysPerWeek']));
    }
  }

  return (
    <form onSubmit={submit} noValidate className="form">
      {errors.form && <ErrorBox error={errors.form} />}
      <SelectField
        label="Goal race"
        value={v.goal}
        onChange={(e) => setV({ ...v, goal: e.target.value as RaceDistance })}
        error={errors.fields.goal}
      >
        {Object.entries(RACE_LABELS).map(([k, label]) => (
          <option key={k} value={k}>
            {label}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Race date"
        type="date"
        value={v.raceDate}
        onChange={(e) => setV({ ...v, raceDate: e.target.value })}
        error={errors.fields.raceDate}
        required
      />
      <TextField
        label="Target time (optional)"
        placeholder="49:59"
        value={v.targetDuration}
        onChange={(e) => setV({ ...v, targetDuration: e.target.value })}
        error={errors.fields.targetDuration}
      />
      <SelectField
        label="Runs per week"
        value={v.daysPerWeek}
        onChange={(e) => setV({ ...v, daysPerWeek: e.target.value })}
        error={errors.fields.daysPerWeek}
      >
        {[2, 3, 4, 5, 6, 7].map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </SelectField>
      <div className="form-actions">
        <Button type="button" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" busy={loading}>
          Generate plan
        </Button>
      </div>
    </form>
  );
}
