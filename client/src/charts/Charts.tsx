import { Area, Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TrainingSummaryQuery } from '../gql/graphql';
import { distanceUnit, formatDistance, formatHours, formatShortDate, toDisplayDistance } from '../lib/format';
import type { Units } from '../lib/format';
import { useTimeZone } from '../viewer';

type Summary = TrainingSummaryQuery['trainingSummary'];

const axis = { stroke: 'var(--text-muted)', fontSize: 12, tickLine: false, axisLine: false } as const;
const tooltipStyle = { background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 8, color: 'var(--text)' };

/** Distance per ISO week, oldest first; the text alternative says the same for screen readers. */
export function WeeklyVolumeChart({ weeks, units }: { weeks: Summary['weeks']; units: Units }) {
  // Each week starts at Monday 00:00 in the runner's zone: labelled in it, it is that Monday.
  const timeZone = useTimeZone();
  const data = weeks.map((w) => ({
    week: formatShortDate(w.weekStart, timeZone),
    distance: Number(toDisplayDistance(w.distance, units).toFixed(1)),
    runs: w.runCount,
    time: formatHours(w.duration),
  }));
  const total = weeks.reduce((s, w) => s + w.distance, 0);
  const last = weeks[weeks.length - 1];
  return (
    <figure className="chart" data-testid="weekly-volume">
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -12 }}>
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis dataKey="week" {...axis} interval="preserveStartEnd" minTickGap={16} />
          <YAxis {...axis} width={40} />
          <Tooltip
            contentStyle={tooltipStyle}
            cursor={{ fill: 'var(--accent-soft)' }}
            formatter={(v) => [`${v} ${distanceUnit(units)}`, 'Distance']}
          />
          <Bar dataKey="distance" fill="var(--accent)" radius={[4, 4, 0, 0]} maxBarSize={36} />
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="visually-hidden">
        Weekly distance over the last {weeks.length} weeks: {formatDistance(total, units, 1)} in total
        {last ? `, ${formatDistance(last.distance, units, 1)} this week` : ''}.
      </figcaption>
    </figure>
  );
}

/** Acute (7-day) and chronic (42-day) load as lines, balance (form) as an area. */
export function TrainingLoadChart({ load }: { load: Summary['load'] }) {
  const timeZone = useTimeZone();
  const data = load.map((d) => ({
    date: formatShortDate(d.date, timeZone),
    acute: Math.round(d.acute),
    chronic: Math.round(d.chronic),
    balance: Math.round(d.balance),
  }));
  const today = load[load.length - 1];
  return (
    <figure className="chart" data-testid="training-load">
      <ResponsiveContainer width="100%" height={220}>
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -12 }}>
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis dataKey="date" {...axis} interval="preserveStartEnd" minTickGap={24} />
          <YAxis {...axis} width={44} />
          <Tooltip contentStyle={tooltipStyle} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Area type="monotone" dataKey="balance" name="Form (balance)" fill="var(--ok-soft)" stroke="var(--ok)" strokeWidth={1} />
          <Line type="monotone" dataKey="chronic" name="Fitness (42-day)" stroke="var(--info)" strokeWidth={2} dot={false} />
          <Line type="monotone" dataKey="acute" name="Fatigue (7-day)" stroke="var(--accent)" strokeWidth={2} dot={false} />
        </ComposedChart>
      </ResponsiveContainer>
      <figcaption className="visually-hidden">
        {today
          ? `Today: fatigue ${Math.round(today.acute)}, fitness ${Math.round(today.chronic)}, form ${Math.round(today.balance)}.`
          : 'No training load yet.'}
      </figcaption>
    </figure>
  );
}
