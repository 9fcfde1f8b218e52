import { useMutation, useQuery } from '@apollo/client';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { MarkNotificationsReadMutation, NotificationsQuery } from '../api/operations';
import type { NotificationFieldsFragment } from '../gql/graphql';
import { formatDistance, formatRelative } from '../lib/format';
import { Avatar, Card, Empty, ErrorBox, Loading, LoadMore, PageHeader, UserLink } from '../ui/components';
import { useViewer } from '../viewer';

const TEXT: Record<NotificationFieldsFragment['kind'], string> = {
  FOLLOWED: 'started following you',
  LIKED: 'gave kudos to your post',
  COMMENTED: 'commented on your post',
  GROUP_POST: 'posted in your group',
  GROUP_INVITE: 'invited you to join',
  FOLLOW_REQUESTED: 'asked to follow you',
  FOLLOW_APPROVED: 'approved your request to follow them',
};

/** Everything that happened to you; opening the page marks it read (the badge drops to 0). */
export default function Notifications() {
  const { data, loading, error, fetchMore, refetch } = useQuery(NotificationsQuery);
  const conn = data?.notifications;
  const [markRead] = useMutation(MarkNotificationsReadMutation, {
    update(cache) {
      cache.modify({
        fields: {
          notifications: (existing) => (existing && 'unreadCount' in existing ? { ...existing, unreadCount: 0 } : existing),
        },
      });
    },
  });
  const unread = conn?.unreadCount ?? 0;
  useEffect(() => {
    if (unread > 0) void markRead().catch(() => undefined);
  }, [unread, markRead]);

  return (
    <>
      <PageHeader title="Notifications" />
      <Card>
        {error && <ErrorBox error={error} retry={() => void refetch()} />}
        {loading && !data && <Loading />}
        {conn && !conn.edges.length && <Empty title="Nothing yet">Kudos, comments, new followers and follow requests show up here.</Empty>}
        {conn && (
          <ul className="list notifications">
            {conn.edges.map(({ node }) => (
              <li key={node.id} className={`notification ${node.read ? '' : 'unread'}`}>
                <Avatar name={node.actor.name} size="sm" />
                <div>
                  <p>
                    <UserLink user={node.actor} /> {TEXT[node.kind]}
                    {node.group && (
                      <>
                        {' '}
                        <Link to={`/groups/${node.group.id}`}>{node.group.name}</Link>
                      </>
                    )}
                    {node.kind === 'FOLLOW_REQUESTED' && (
                      <>
                        {' · '}
                        <Link to="/settings/followers">Review follow requests</Link>
                      </>
                    )}
                    {node.post && <PostReference post={node.post} />}
                  </p>
                  <span className="muted small">{formatRelative(node.createdAt)}</span>
                </div>
              </li>
            ))}
          </ul>
        )}
        {conn && (
          <LoadMore
            hasMore={conn.pageInfo.hasNextPage}
            loading={loading}
            onLoadMore={() => !loading && void fetchMore({ variables: { after: conn.pageInfo.endCursor } })}
          />
        )}
      </Card>
    </>
  );
}

/**
 * What the notification is about: the post's words, quoted; a post that only shares a run (no
 * text) is named by its run instead of an empty quote.
 */
function PostReference({ post }: { post: NonNullable<NotificationFieldsFragment['post']> }) {
  const { units } = useViewer();
  const text = post.text.trim();
  if (text)
    return (
      <>
        {': '}
        <Link to="/feed" className="muted">
          “{text.slice(0, 80)}
          {text.length > 80 ? '…' : ''}”
        </Link>
      </>
    );
  if (!post.run) return null;
  return (
    <>
      {': '}
      <Link to={`/runs/${post.run.id}`} className="muted">
        {post.run.name
          ? `the run “${post.run.name}” (${formatDistance(post.run.distance, units)})`
          : `a ${formatDistance(post.run.distance, units)} run`}
      </Link>
    </>
  );
}
