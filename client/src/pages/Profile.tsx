import { useMutation, useQuery } from '@apollo/client';
import type { ApolloCache } from '@apollo/client';
import { shoeWear } from '@maratron/domain/shoe-wear';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { BlockUserMutation, ProfileQuery, RemoveFollowerMutation, UnblockUserMutation } from '../api/operations';
import { errorMessage } from '../lib/errors';
import { formatDate, formatDistance, formatHours, formatPace, plural } from '../lib/format';
import { Avatar, Button, Card, Dialog, Empty, ErrorBox, Loading, LoadMore, ProgressBar, Stat } from '../ui/components';
import { Icon } from '../ui/icons';
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
          {!isMe && (
            <p className="profile-relation" data-testid="relation">
              {user.isBlockedByViewer ? (
                <span className="pill pill-failed">Blocked</span>
              ) : user.viewerFollowState === 'FOLLOWING' ? (
                <span className="pill pill-done">Following</span>
              ) : user.viewerFollowState === 'REQUESTED' ? (
                <span className="pill pill-accent">Follow request sent</span>
              ) : user.followPolicy === 'APPROVAL' ? (
                <span className="pill">Approves each follower</span>
              ) : null}
            </p>
          )}
        </div>
        <div className="profile-actions">
          {isMe ? (
            <Link to="/settings" className="btn btn-secondary btn-md">
              Edit profile
            </Link>
          ) : (
            <RelationActions user={user} />
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
                  <ProgressBar value={s.usage} label={`${s.name} usage`} tone={shoeWear(s.usage) === 'ok' ? 'ok' : 'warn'} />
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

interface ProfileUser {
  id: string;
  name: string;
  followPolicy: 'OPEN' | 'APPROVAL';
  viewerFollowState: 'NONE' | 'REQUESTED' | 'FOLLOWING';
  isBlockedByViewer: boolean;
  followsViewer: boolean;
}

/**
 * Follow (or ask to), remove as a follower, block and unblock. Blocking is silent: the
 * blocked runner is not told, and to them the viewer no longer exists.
 */
function RelationActions({ user }: { user: ProfileUser }) {
  const me = useViewer();
  const [dialog, setDialog] = useState<'block' | 'remove' | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Follows change: the feed, the viewer's follower count and the blocked list are read again when shown.
  const update = (cache: ApolloCache<unknown>) => {
    cache.evict({ id: 'ROOT_QUERY', fieldName: 'feed' });
    cache.evict({ id: 'ROOT_QUERY', fieldName: 'blockedUsers' });
    cache.evict({ id: cache.identify({ __typename: 'User', id: me.id }), fieldName: 'followerCount' });
    cache.evict({ id: cache.identify({ __typename: 'User', id: me.id }), fieldName: 'followingCount' });
  };
  const [block, blocking] = useMutation(BlockUserMutation, { update });
  const [unblock, unblocking] = useMutation(UnblockUserMutation, { update });
  const [removeFollower, removing] = useMutation(RemoveFollowerMutation, { update });

  async function run(action: () => Promise<unknown>, done: string) {
    setError(null);
    setStatus(null);
    try {
      await action();
      setDialog(null);
      setStatus(done);
    } catch (err) {
      setDialog(null);
      setError(errorMessage(err));
    }
  }

  return (
    <>
      {user.isBlockedByViewer ? (
        <Button
          variant="secondary"
          size="sm"
          busy={unblocking.loading}
          aria-label={`Unblock ${user.name}`}
          onClick={() => void run(() => unblock({ variables: { userId: user.id } }), `${user.name} is unblocked.`)}
        >
          Unblock
        </Button>
      ) : (
        <>
          <FollowButton user={user} />
          {user.followsViewer && (
            <Button variant="ghost" size="sm" aria-label={`Remove follower ${user.name}`} onClick={() => setDialog('remove')}>
              Remove follower
            </Button>
          )}
          <Button variant="ghost" size="sm" aria-label={`Block ${user.name}`} onClick={() => setDialog('block')}>
            Block
          </Button>
        </>
      )}
      {status && (
        <span className="saved small" role="status">
          <Icon name="check" /> {status}
        </span>
      )}
      {error && (
        <span className="error-text small" role="alert">
          {error}
        </span>
      )}
      <Dialog open={dialog === 'block'} onClose={() => setDialog(null)} title={`Block ${user.name}?`}>
        <p>
          {user.name} will no longer see your profile, runs, posts or comments, nor find you in search. They cannot follow you, comment or
          give kudos. Any follows between you end. They are not told.
        </p>
        <div className="form-actions">
          <Button variant="ghost" onClick={() => setDialog(null)} autoFocus>
            Cancel
          </Button>
          <Button
            variant="danger"
            busy={blocking.loading}
            onClick={() => void run(() => block({ variables: { userId: user.id } }), `${user.name} is blocked.`)}
          >
            Block
          </Button>
        </div>
      </Dialog>
      <Dialog open={dialog === 'remove'} onClose={() => setDialog(null)} title={`Remove ${user.name} as a follower?`}>
        <p>
          {user.name} stops following you, and no longer sees your runs for followers. They are not told, and can follow again
          {me.followPolicy === 'APPROVAL' ? ' only if you approve it' : ''}. To keep them away for good, block them instead.
        </p>
        <div className="form-actions">
          <Button variant="ghost" onClick={() => setDialog(null)} autoFocus>
            Cancel
          </Button>
          <Button
            variant="danger"
            busy={removing.loading}
            onClick={() => void run(() => removeFollower({ variables: { userId: user.id } }), `${user.name} no longer follows you.`)}
          >
            Remove follower
          </Button>
        </div>
      </Dialog>
    </>
  );
}
