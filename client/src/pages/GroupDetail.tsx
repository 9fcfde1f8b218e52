import { useApolloClient, useQuery, useSubscription } from '@apollo/client';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { prependToConnection } from '../apollo/cache';
import {
  FeedPostAddedSubscription,
  GroupPostsQuery,
  GroupQuery,
  LeaderboardQuery,
  LeaderboardUpdatedSubscription,
} from '../api/operations';
import type { Period } from '../gql/graphql';
import { formatDistance, plural } from '../lib/format';
import { Avatar, Card, Empty, ErrorBox, Loading, LoadMore, PageHeader, UserLink } from '../ui/components';
import { Icon } from '../ui/icons';
import { useViewer } from '../viewer';
import { Composer } from './Feed';
import { MembershipButton } from './Groups';
import { PostCard } from './PostCard';

export default function GroupDetail() {
  const { id } = useParams();
  const client = useApolloClient();
  const { data, loading, error, refetch } = useQuery(GroupQuery, { variables: { id: id! } });
  const postsQuery = useQuery(GroupPostsQuery, { variables: { id: id! } });
  // Group posts enter members' feeds: the same event puts them on the group page live.
  useSubscription(FeedPostAddedSubscription, {
    skip: !data?.group?.isMember,
    onData: ({ data: event }) => {
      const post = event.data?.feedPostAdded;
      if (post && post.group?.id === id)
        prependToConnection(client.cache, {
          id: client.cache.identify({ __typename: 'Group', id }),
          field: 'posts',
          edgeTypename: 'PostEdge',
          node: post,
        });
    },
  });

  if (error) return <ErrorBox error={error} retry={() => void refetch()} />;
  if (loading && !data) return <Loading label="Loading group…" />;
  const group = data?.group;
  if (!group) return <ErrorBox title="Group not found" error="This group does not exist or is private." />;
  const posts = postsQuery.data?.group?.posts;

  return (
    <>
      <PageHeader
        title={group.name}
        subtitle={
          <>
            {plural(group.memberCount, 'member')} · {group.private ? 'Private group' : 'Public group'} · started by{' '}
            <UserLink user={group.owner} />
          </>
        }
        actions={<MembershipButton group={group} />}
      />
      {group.description && (
        <Card>
          <p>{group.description}</p>
        </Card>
      )}
      <div className="layout-aside">
        <div className="stack">
          {group.isMember && <Composer groupId={group.id} />}
          {postsQuery.error && <ErrorBox error={postsQuery.error} retry={() => void postsQuery.refetch()} />}
          {postsQuery.loading && !posts && <Loading label="Loading posts…" />}
          {posts &&
            (posts.edges.length ? (
              posts.edges.map(({ node }) => <PostCard key={node.id} post={node} />)
            ) : (
              <Card>
                <Empty title="No posts yet">{group.isMember ? 'Be the first to post.' : 'Join to post here.'}</Empty>
              </Card>
            ))}
          {posts && (
            <LoadMore
              hasMore={posts.pageInfo.hasNextPage}
              loading={postsQuery.loading}
              onLoadMore={() => !postsQuery.loading && void postsQuery.fetchMore({ variables: { after: posts.pageInfo.endCursor } })}
              label="Older posts"
            />
          )}
        </div>
        <aside className="stack" aria-label="Group details">
          <Leaderboard groupId={group.id} />
          <Card title="Members" titleId="members-title">
            <ul className="list people">
              {group.members.edges.map(({ node }) => (
                <li key={node.id} className="person">
                  <Avatar name={node.name} size="sm" />
                  <UserLink user={node} />
                </li>
              ))}
            </ul>
            {group.members.totalCount > group.members.edges.length && (
              <p className="muted small">and {group.members.totalCount - group.members.edges.length} more</p>
            )}
          </Card>
        </aside>
      </div>
    </>
  );
}

const PERIODS: { value: Period; label: string }[] = [
  { value: 'WEEK', label: 'Week' },
  { value: 'MONTH', label: 'Month' },
  { value: 'YEAR', label: 'Year' },
  { value: 'ALL_TIME', label: 'All time' },
];

/** The group's distance ranking; leaderboardUpdated replaces it whenever a member's run changes it. */
export function Leaderboard({ groupId }: { groupId?: string }) {
  const me = useViewer();
  const [period, setPeriod] = useState<Period>('WEEK');
  const { data, loading, error, refetch, subscribeToMore } = useQuery(LeaderboardQuery, { variables: { period, groupId } });
  useEffect(
    () =>
      subscribeToMore({
        document: LeaderboardUpdatedSubscription,
        variables: { period, groupId },
        updateQuery: (prev, { subscriptionData }) =>
          subscriptionData.data ? { leaderboard: subscriptionData.data.leaderboardUpdated } : prev,
      }),
    [subscribeToMore, period, groupId],
  );
  return (
    <Card title="Leaderboard" titleId="leaderboard-title">
      <div className="segmented" role="group" aria-label="Period">
        {PERIODS.map((p) => (
          <button key={p.value} type="button" aria-pressed={period === p.value} onClick={() => setPeriod(p.value)}>
            {p.label}
          </button>
        ))}
      </div>
      {error && <ErrorBox error={error} retry={() => void refetch()} />}
      {loading && !data && <Loading />}
      {data &&
        (data.leaderboard.length ? (
          <ol className="leaderboard" data-testid="leaderboard">
            {data.leaderboard.map((e) => (
              <li key={e.user.id} className={e.user.id === me.id ? 'me' : undefined}>
                <span className={`rank rank-${e.rank}`}>
                  {e.rank <= 3 ? <Icon name="trophy" /> : null}
                  {e.rank}
                </span>
                <UserLink user={e.user} />
                <span className="leaderboard-figures">
                  <strong>{formatDistance(e.distance, me.units, 1)}</strong>
                  <span className="muted small">{plural(e.runCount, 'run')}</span>
                </span>
              </li>
            ))}
          </ol>
        ) : (
          <Empty title="No runs in this period" />
        ))}
    </Card>
  );
}
