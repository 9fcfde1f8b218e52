import { useQuery } from '@apollo/client';
import { Link, useParams } from 'react-router';
import { ProfileQuery } from '../api/operations';
import { formatDate, formatDistance, formatHours, formatPace, plural } from '../lib/format';
import { Avatar, Card, Empty, ErrorBox, Loading, LoadMore, ProgressBar, Stat } from '../ui/components';
import { useViewer } from '../viewer';
import { FollowButton } from './Feed';
import { RunRow } from './Runs';

export default function Profile() {
  const { username } = useParams();
  const me = useViewer();
  const units = me.units;
  const { data, loading, error, fetchMore, refetch } = useQuery(ProfileQuery, { variables: { username: username! } });
  if (error) return <ErrorBox error={error} retry={() => void refetch()} />;
  if (loading && !data) return <Loading label="Loading profile…" />;
  const user = data?.user;
  if (!user) return <ErrorBox title="Runner not found" error={`Nobody is called @${username}.`} />;
  const isMe = user.id === me.id;

  return (
    <>
      <section className="card profile-header" aria-labelledby="profile-name">
        <Avatar name={user.name} size="lg" />
        <div className="profile-main">
          <h1 id="profile-name">{user.name}</h1>
          <p className="muted">
            @{user.username} · running with Maratron since {formatDate(user.createdAt)}
          </p>
          {user.bio && <p className="profile-bio">{user.bio}</p>}
          <p className="profile-follows">
            <strong data-testid="follower-count">{user.followerCount}</strong> {user.followerCount === 1 ? 'follower' : 'followers'} ·{' '}
            <strong>{user.followingCount}</strong> following
          </p>
        </div>
        <div className="profile-actions">
          {isMe ? (
            <Link to="/settings" className="btn btn-secondary btn-md">
              Edit profile
            </Link>
          ) : (
            <FollowButton user={user} />
          )}
        </div>
      </section>

      <section className="stats-row" aria-label="Totals">
        <div className="card stat-card">
          <Stat
            label="This month"
            value={formatDistance(user.month.distance, units, 1)}
            detail={`${plural(user.month.runCount, 'run')} · ${formatHours(user.month.duration)}`}
          />
        </div>
        <div className="card stat-card">
          <Stat
            label="All time"
            value={formatDistance(user.allTime.distance, units, 0)}
            detail={`${plural(user.allTime.runCount, 'run')} · ${formatHours(user.allTime.duration)}`}
          />
        </div>
        <div className="card stat-card">
          <Stat label="Average pace" value={formatPace(user.allTime.averagePace, units)} detail="all time" />
        </div>
      </section>

      <div className="layout-aside">
        <Card title="Runs" titleId="profile-runs">
          {user.runs.edges.length ? (
            <ul className="run-list">
              {user.runs.edges.map(({ node }) => (
                <RunRow key={node.id} run={node} units={units} />
              ))}
            </ul>
          ) : (
            <Empty title={isMe ? 'No runs yet' : `No runs you can see`} />
          )}
          <LoadMore
            hasMore={user.runs.pageInfo.hasNextPage}
            loading={loading}
            onLoadMore={() => !loading && void fetchMore({ variables: { after: user.runs.pageInfo.endCursor } })}
            label="Older runs"
          />
        </Card>
        <Card title="Shoes" titleId="profile-shoes">
          {user.shoes.length ? (
            <ul className="list">
              {user.shoes.map((s) => (
                <li key={s.id}>
                  <div className="row-between">
                    <span>{s.name}</span>
                    <span className="muted small">{formatDistance(s.distance, units, 0)}</span>
                  </div>
                  <ProgressBar value={s.usage} label={`${s.name} usage`} tone={s.usage >= 0.8 ? 'warn' : 'ok'} />
                </li>
              ))}
            </ul>
          ) : (
            <Empty title="No shoes" />
          )}
        </Card>
      </div>
    </>
  );
}
