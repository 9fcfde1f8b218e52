import { useQuery } from '@apollo/client';
import { shoeUsagePercent, shoeWear } from '@maratron/domain/shoe-wear';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { WeeklyVolumeChart, TrainingLoadChart } from '../charts/Charts';
import { DashboardStatsQuery, PAGE, RunsQuery, TrainingSummaryQuery } from '../api/operations';
import { distanceUnit, formatDistance, formatDuration, formatHours, formatPace, plural, RACE_LABELS } from '../lib/format';
import { Card, Empty, ErrorBox, Loading, PageHeader, ProgressBar, Stat } from '../ui/components';
import { Icon } from '../ui/icons';
import { useViewer } from '../viewer';
import { RunRow } from './Runs';

/**
 * Three independent queries: the stats and recent runs come from the runs themselves, the
 * charts from trainingSummary — one failing or slow part never blanks the others.
 */
export default function Dashboard() {
  const me = useViewer();
  const units = me.units;
  const stats = useQuery(DashboardStatsQuery);
  const summary = useQuery(TrainingSummaryQuery, { variables: { weeks: 12 } });
  const runs = useQuery(RunsQuery, { variables: { first: PAGE } });
  const s = summary.data?.trainingSummary;

  return (
    <>
      <PageHeader
        title={`Hi, ${me.name.split(' ')[0]}`}
        subtitle="Your training at a glance."
        actions={
          <>
            <Link to="/import" className="btn btn-secondary btn-md">
              <Icon name="import" /> Import
            </Link>
            <Link to="/runs/new" className="btn btn-primary btn-md">
              <Icon name="plus" /> Log a run
            </Link>
          </>
        }
      />

      <section className="stats-row" aria-label="Totals">
        {stats.error && <ErrorBox error={stats.error} retry={() => void stats.refetch()} />}
        {stats.loading && !stats.data && <Loading />}
        {stats.data?.me &&
          (
            [
              ['This week', stats.data.me.week],
              ['This month', stats.data.me.month],
              ['This year', stats.data.me.year],
            ] as const
          ).map(([label, st]) => (
            <div className="card stat-card" key={label} data-testid={`stats-${label.split(' ')[1]}`}>
              <Stat
                label={label}
                value={formatDistance(st.distance, units, 1)}
                detail={`${plural(st.runCount, 'run')} · ${formatHours(st.duration)} · ${formatPace(st.averagePace, units)}`}
              />
            </div>
          ))}
      </section>

      {summary.error ? (
        <ErrorBox error={summary.error} title="Charts, records and predictions are unavailable" retry={() => void summary.refetch()} />
      ) : (
        <>
          <div className="grid grid-2">
            <Card title={`Weekly volume (${distanceUnit(units)})`} titleId="volume-title">
              <SummaryPart summary={summary}>
                {s &&
                  (s.weeks.some((w) => w.runCount > 0) ? (
                    <WeeklyVolumeChart weeks={s.weeks} units={units} />
                  ) : (
                    <Empty title="No runs in the last 12 weeks" />
                  ))}
              </SummaryPart>
            </Card>
            <Card title="Training load" titleId="load-title">
              <SummaryPart summary={summary}>
                {s && (s.load.length ? <TrainingLoadChart load={s.load} /> : <Empty title="Log runs to see your load" />)}
              </SummaryPart>
            </Card>
          </div>

          <div className="grid grid-3">
            <Card title="Shoe alerts" titleId="alerts-title">
              <SummaryPart summary={summary}>
                {s &&
                  (s.shoeAlerts.length ? (
                    <ul className="list">
                      {s.shoeAlerts.map((shoe) => (
                        <li key={shoe.id} className="shoe-alert">
                          <div className="row-between">
                            <span>
                              <Icon name="alert" className="icon-warn" /> {shoe.name}
                            </span>
                            <span className="muted">{shoeUsagePercent(shoe.usage)}%</span>
                          </div>
                          <ProgressBar
                            value={shoe.usage}
                            label={`${shoe.name} usage`}
                            tone={shoeWear(shoe.usage) === 'retire' ? 'danger' : 'warn'}
                          />
                          <span className="muted small">
                            {formatDistance(shoe.distance, units, 0)} of {formatDistance(shoe.maxDistance, units, 0)}
                          </span>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <Empty title="All shoes are fine">
                      <Link to="/shoes">Manage shoes</Link>
                    </Empty>
                  ))}
              </SummaryPart>
            </Card>
            <Card title="Personal records" titleId="records-title">
              <SummaryPart summary={summary}>
                {s &&
                  (s.personalRecords.length ? (
                    <ul className="list records">
                      {s.personalRecords.map((r) => (
                        <li key={r.distance} className="row-between">
                          <span className="record-distance">{RACE_LABELS[r.distance]}</span>
                          <Link to={`/runs/${r.run.id}`} className="record-time">
                            {formatDuration(r.duration)}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <Empty title="No records yet">Run a 5K or longer to set one.</Empty>
                  ))}
              </SummaryPart>
            </Card>
            <Card title="Race predictions" titleId="predictions-title">
              <SummaryPart summary={summary}>
                {s &&
                  (s.predictions.length ? (
                    <>
                      <ul className="list records">
                        {s.predictions.map((p) => (
                          <li key={p.distance} className="row-between">
                            <span className="record-distance">{RACE_LABELS[p.distance]}</span>
                            <span className="record-time">{formatDuration(p.duration)}</span>
                          </li>
                        ))}
                      </ul>
                      {s.vdot != null && <p className="muted small">VDOT {s.vdot.toFixed(1)} (Daniels–Gilbert)</p>}
                    </>
                  ) : (
                    <Empty title="No predictions yet">They appear after your first runs.</Empty>
                  ))}
              </SummaryPart>
            </Card>
          </div>
        </>
      )}

      <Card title="Recent runs" titleId="recent-title" action={<Link to="/runs">All runs</Link>}>
        {runs.error && <ErrorBox error={runs.error} retry={() => void runs.refetch()} />}
        {runs.loading && !runs.data && <Loading />}
        {runs.data &&
          (runs.data.runs.edges.length ? (
            <ul className="run-list" data-testid="recent-runs">
              {runs.data.runs.edges.slice(0, 5).map(({ node }) => (
                <RunRow key={node.id} run={node} units={units} />
              ))}
            </ul>
          ) : (
            <Empty title="No runs yet">
              <Link to="/runs/new">Log your first run</Link> or <Link to="/import">import a file</Link>.
            </Empty>
          ))}
      </Card>
    </>
  );
}

/** A summary card's body: a spinner until trainingSummary answers (its error shows once, above). */
function SummaryPart({ summary, children }: { summary: { loading: boolean; data?: unknown }; children: ReactNode }) {
  if (summary.loading && !summary.data) return <Loading />;
  return <>{children}</>;
}
