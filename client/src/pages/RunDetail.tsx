import { useMutation, useQuery } from '@apollo/client';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { invalidateRunAggregates, removeFromCache } from '../apollo/cache';
import { CreatePostMutation, DeleteRunMutation, RunDetailQuery } from '../api/operations';
import { downloadWithAuth } from '../lib/download';
import { errorCode, errorMessage } from '../lib/errors';
import {
  distanceUnit,
  elevationUnit,
  ENVIRONMENT_LABELS,
  formatDateTime,
  formatDistance,
  formatDuration,
  formatElevation,
  formatPace,
  toDisplayDistance,
  toDisplayElevation,
  VISIBILITY_LABELS,
} from '../lib/format';
import type { Units } from '../lib/format';
import { downsample, elevationProfile, projectTrack } from '../lib/geo';
import { Button, Card, Dialog, Empty, ErrorBox, Loading, PageHeader, TextArea, UserLink } from '../ui/components';
import { Icon } from '../ui/icons';
import { useViewer } from '../viewer';

type Track = readonly (readonly number[])[];

export default function RunDetail() {
  const { id } = useParams();
  const me = useViewer();
  const units = me.units;
  const navigate = useNavigate();
  const { data, loading, error, refetch } = useQuery(RunDetailQuery, { variables: { id: id! } });
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [sharing, setSharing] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [deleteRun, deleting] = useMutation(DeleteRunMutation);

  if (error)
    return <ErrorBox error={error} title={errorCode(error) === 'NOT_FOUND' ? 'Run not found' : undefined} retry={() => void refetch()} />;
  if (loading && !data) return <Loading label="Loading run…" />;
  const run = data?.run;
  if (!run) return <ErrorBox title="Run not found" error="This run does not exist, or you may not see it." />;
  const mine = run.user.id === me.id;

  async function remove() {
    try {
      await deleteRun({
        variables: { id: run!.id },
        update(cache) {
          removeFromCache(cache, { __typename: 'Run', id: run!.id }, [
            { field: 'runs' },
            { id: cache.identify({ __typename: 'User', id: me.id }), field: 'runs' },
          ]);
          invalidateRunAggregates(cache, me.id);
        },
      });
      void navigate('/runs');
    } catch (err) {
      setConfirmDelete(false);
      setActionError(errorMessage(err));
    }
  }

  async function downloadGpx() {
    setActionError(null);
    try {
      await downloadWithAuth(`/api/runs/${run!.id}.gpx`);
    } catch (err) {
      setActionError(errorMessage(err));
    }
  }

  return (
    <>
      <PageHeader
        title={run.name || 'Run'}
        subtitle={
          <>
            {formatDateTime(run.startedAt)} · {ENVIRONMENT_LABELS[run.environment]} · {VISIBILITY_LABELS[run.visibility]}
            {!mine && (
              <>
                {' · by '}
                <UserLink user={run.user} />
              </>
            )}
          </>
        }
        actions={
          <>
            {/* A hidden map has no GPX for anyone but its runner. */}
            {(mine || !run.hideTrack) && (
              <Button variant="secondary" onClick={downloadGpx}>
                <Icon name="download" /> GPX
              </Button>
            )}
            {mine && (
              <>
                <Button variant="secondary" onClick={() => setSharing(true)}>
                  <Icon name="share" /> Share
                </Button>
                <Link to={`/runs/${run.id}/edit`} className="btn btn-secondary btn-md">
                  <Icon name="edit" /> Edit
                </Link>
                <Button variant="danger" onClick={() => setConfirmDelete(true)}>
                  <Icon name="trash" /> Delete
                </Button>
              </>
            )}
          </>
        }
      />
      {actionError && <ErrorBox error={actionError} />}

      <section className="figures-row card" aria-label="Summary">
        <Figure label="Distance" value={formatDistance(run.distance, units)} />
        <Figure label="Time" value={formatDuration(run.duration)} />
        <Figure label="Pace" value={formatPace(run.pace, units)} />
        <Figure label="Elevation gain" value={formatElevation(run.elevationGain, units)} />
        <Figure label="Heart rate" value={run.averageHeartRate ? `${run.averageHeartRate} bpm` : '–'} />
        <Figure label="Shoe" value={run.shoe ? run.shoe.name : '–'} />
      </section>
      {run.notes && (
        <Card>
          <p className="notes">{run.notes}</p>
        </Card>
      )}

      {mine && run.hideTrack && (
        <p className="alert alert-info" data-testid="map-hidden">
          The map is hidden: only you see this route and can download its GPX.
        </p>
      )}
      {run.track && run.track.length > 1 ? (
        <div className="grid grid-2">
          <Card title="Route" titleId="route-title">
            <RouteMap track={run.track} />
          </Card>
          <Card title="Elevation" titleId="elevation-title">
            <ElevationProfile track={run.track} units={units} />
          </Card>
        </div>
      ) : null}

      <Card title="Splits" titleId="splits-title">
        {run.splits.length ? (
          <SplitsTable splits={run.splits} units={units} />
        ) : (
          <Empty title="No splits for this run">Splits come from a recorded track: import a GPX, TCX or FIT file to get them.</Empty>
        )}
      </Card>

      <Dialog open={confirmDelete} onClose={() => setConfirmDelete(false)} title="Delete this run?">
        <p>
          {run.name || 'This run'} ({formatDistance(run.distance, units)}) will be removed for good, with its splits and shoe mileage.
        </p>
        <div className="form-actions">
          <Button variant="ghost" onClick={() => setConfirmDelete(false)} autoFocus>
            Keep it
          </Button>
          <Button variant="danger" busy={deleting.loading} onClick={remove}>
            Delete run
          </Button>
        </div>
      </Dialog>
      <ShareDialog open={sharing} onClose={() => setSharing(false)} runId={run.id} />
    </>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="figure figure-lg">
      <span className="figure-value">{value}</span>
      <span className="figure-label">{label}</span>
    </div>
  );
}

function ShareDialog({ open, onClose, runId }: { open: boolean; onClose: () => void; runId: string }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const navigate = useNavigate();
  const [createPost, { loading }] = useMutation(CreatePostMutation, {
    update(cache) {
      cache.evict({ id: 'ROOT_QUERY', fieldName: 'feed' });
    },
  });
  async function share() {
    try {
      await createPost({ variables: { input: { text: text.trim(), runId } } });
      onClose();
      void navigate('/feed');
    } catch (err) {
      setError(errorMessage(err));
    }
  }
  return (
    <Dialog open={open} onClose={onClose} title="Share to your feed">
      {error && <ErrorBox error={error} />}
      <TextArea label="Say something about it" rows={3} value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} />
      <div className="form-actions">
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
        <Button onClick={share} busy={loading} disabled={!text.trim()}>
          Share
        </Button>
      </div>
    </Dialog>
  );
}

/** The route as an SVG polyline over a plain background (no map tiles, nothing fetched). */
export function RouteMap({ track }: { track: Track }) {
  const W = 480;
  const H = 320;
  const points = useMemo(() => projectTrack(downsample(track, 1500), W, H, 20), [track]);
  const path = points.map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`).join('');
  const start = points[0]!;
  const end = points[points.length - 1]!;
  return (
    <svg
      className="route"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={`Route of ${track.length} recorded points, from the green start to the red finish`}
      data-testid="route"
    >
      <defs>
        <pattern id="route-grid" width="32" height="32" patternUnits="userSpaceOnUse">
          <path d="M32 0H0V32" fill="none" stroke="var(--border)" strokeWidth="1" />
        </pattern>
      </defs>
      <rect width={W} height={H} fill="url(#route-grid)" />
      <path d={path} fill="none" stroke="var(--route-casing)" strokeWidth="7" strokeLinejoin="round" strokeLinecap="round" />
      <path d={path} fill="none" stroke="var(--accent)" strokeWidth="3.5" strokeLinejoin="round" strokeLinecap="round" />
      <circle cx={start[0]} cy={start[1]} r="7" fill="var(--ok)" stroke="#fff" strokeWidth="2.5" />
      <circle cx={end[0]} cy={end[1]} r="7" fill="var(--danger)" stroke="#fff" strokeWidth="2.5" />
    </svg>
  );
}

function ElevationProfile({ track, units }: { track: Track; units: Units }) {
  const data = useMemo(
    () =>
      downsample(elevationProfile(track), 400).map((p) => ({
        distance: Number(toDisplayDistance(p.distance, units).toFixed(2)),
        elevation: Math.round(toDisplayElevation(p.elevation, units)),
      })),
    [track, units],
  );
  if (data.length < 2) return <Empty title="No elevation in this track" />;
  const min = Math.min(...data.map((d) => d.elevation));
  const max = Math.max(...data.map((d) => d.elevation));
  return (
    <figure className="chart" data-testid="elevation-profile">
      <ResponsiveContainer width="100%" height={240}>
        <AreaChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -8 }}>
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis
            dataKey="distance"
            type="number"
            domain={['dataMin', 'dataMax']}
            stroke="var(--text-muted)"
            fontSize={12}
            tickLine={false}
            axisLine={false}
            unit={` ${distanceUnit(units)}`}
          />
          <YAxis
            stroke="var(--text-muted)"
            fontSize={12}
            tickLine={false}
            axisLine={false}
            width={52}
            domain={['dataMin - 5', 'dataMax + 5']}
            unit={` ${elevationUnit(units)}`}
          />
          <Tooltip
            contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 8 }}
            formatter={(v) => [`${v} ${elevationUnit(units)}`, 'Elevation']}
            labelFormatter={(l) => `${l} ${distanceUnit(units)}`}
          />
          <Area type="monotone" dataKey="elevation" stroke="var(--info)" fill="var(--info-soft)" strokeWidth={2} />
        </AreaChart>
      </ResponsiveContainer>
      <figcaption className="visually-hidden">
        Elevation between {min} and {max} {elevationUnit(units)}.
      </figcaption>
    </figure>
  );
}

function SplitsTable({
  splits,
  units,
}: {
  splits: { index: number; distance: number; duration: number; pace: number; elevationGain?: number | null }[];
  units: Units;
}) {
  const fastest = Math.min(...splits.map((s) => s.pace));
  const slowest = Math.max(...splits.map((s) => s.pace));
  return (
    <div className="table-wrap">
      <table className="table" data-testid="splits">
        <caption className="visually-hidden">Per-kilometre splits</caption>
        <thead>
          <tr>
            <th scope="col">Km</th>
            <th scope="col">Distance</th>
            <th scope="col">Time</th>
            <th scope="col">Pace</th>
            <th scope="col" className="hide-narrow">
              Pace bar
            </th>
            <th scope="col">Elev.</th>
          </tr>
        </thead>
        <tbody>
          {splits.map((s) => {
            // Longer bar = faster split; the slowest still shows a sliver.
            const width = slowest === fastest ? 100 : 20 + (80 * (slowest - s.pace)) / (slowest - fastest);
            return (
              <tr key={s.index}>
                <th scope="row">{s.index}</th>
                <td>{formatDistance(s.distance, units)}</td>
                <td>{formatDuration(s.duration)}</td>
                <td className={s.pace === fastest ? 'fastest' : undefined}>{formatPace(s.pace, units)}</td>
                <td className="hide-narrow" aria-hidden="true">
                  <span className="pace-bar" style={{ width: `${width}%` }} />
                </td>
                <td>{formatElevation(s.elevationGain, units)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
