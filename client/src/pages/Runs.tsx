import { useQuery } from '@apollo/client';
import { Link } from 'react-router';
import { PAGE, RunsQuery } from '../api/operations';
import type { RunFieldsFragment } from '../gql/graphql';
import { ENVIRONMENT_LABELS, formatDate, formatDistance, formatDuration, formatPace, plural, VISIBILITY_LABELS } from '../lib/format';
import type { Units } from '../lib/format';
import { Card, Empty, ErrorBox, Loading, LoadMore, PageHeader } from '../ui/components';
import { Icon } from '../ui/icons';
import { useTimeZone, useUnits } from '../viewer';

/** One run in a list: name and date, then distance, time and pace in the viewer's units. */
export function RunRow({ run, units }: { run: RunFieldsFragment; units: Units }) {
  // Dated in the viewer's zone, the one their weeks and months are counted in.
  const timeZone = useTimeZone();
  return (
    <li className="run-row">
      <Link to={`/runs/${run.id}`} className="run-row-link">
        <span className="run-row-main">
          <span className="run-row-name">{run.name || 'Run'}</span>
          <span className="run-row-date">
            {formatDate(run.startedAt, timeZone)} · {ENVIRONMENT_LABELS[run.environment]}
            {run.visibility !== 'PUBLIC' && ` · ${VISIBILITY_LABELS[run.visibility]}`}
          </span>
        </span>
        <span className="run-row-figures">
          <span className="figure">
            <span className="figure-value">{formatDistance(run.distance, units)}</span>
            <span className="figure-label">distance</span>
          </span>
          <span className="figure">
            <span className="figure-value">{formatDuration(run.duration)}</span>
            <span className="figure-label">time</span>
          </span>
          <span className="figure hide-narrow">
            <span className="figure-value">{formatPace(run.pace, units)}</span>
            <span className="figure-label">pace</span>
          </span>
        </span>
      </Link>
    </li>
  );
}

/** Every run, newest first, loading the next page as the list scrolls. */
export default function Runs() {
  const units = useUnits();
  const { data, loading, error, fetchMore, refetch } = useQuery(RunsQuery, { variables: { first: PAGE } });
  const conn = data?.runs;

  const loadMore = () => {
    if (loading || !conn?.pageInfo.hasNextPage) return;
    void fetchMore({ variables: { after: conn.pageInfo.endCursor } });
  };

  return (
    <>
      <PageHeader
        title="Runs"
        subtitle={conn ? plural(conn.totalCount, 'run') : undefined}
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
      <Card>
        {error && <ErrorBox error={error} retry={() => void refetch()} />}
        {loading && !data && <Loading label="Loading runs…" />}
        {conn &&
          (conn.edges.length ? (
            <ul className="run-list" data-testid="runs-list">
              {conn.edges.map(({ node }) => (
                <RunRow key={node.id} run={node} units={units} />
              ))}
            </ul>
          ) : (
            <Empty title="No runs yet">
              <Link to="/runs/new">Log a run</Link> or <Link to="/import">import a GPX, TCX or FIT file</Link>.
            </Empty>
          ))}
        {conn && <LoadMore hasMore={conn.pageInfo.hasNextPage} loading={loading} onLoadMore={loadMore} label="Load older runs" />}
      </Card>
    </>
  );
}
