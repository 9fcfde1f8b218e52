import { useApolloClient, useMutation, useQuery, useSubscription } from '@apollo/client';
import type { ApolloCache } from '@apollo/client';
import { useDeferredValue, useState } from 'react';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { prependToConnection } from '../apollo/cache';
import {
  CreatePostMutation,
  FeedPostAddedSubscription,
  FeedQuery,
  FollowMutation,
  PAGE,
  SearchUsersQuery,
  UnfollowMutation,
} from '../api/operations';
import type { FollowFieldsFragment } from '../gql/graphql';
import { errorMessage } from '../lib/errors';
import { plural } from '../lib/format';
import { Avatar, Button, Card, Empty, ErrorBox, Loading, LoadMore, PageHeader, TextArea } from '../ui/components';
import { Icon } from '../ui/icons';
import { useViewer } from '../viewer';
import { PostCard } from './PostCard';

/** The feed: newest first, with posts that enter it appearing live at the top (feedPostAdded). */
export default function Feed() {
  const client = useApolloClient();
  const { data, loading, error, fetchMore, refetch } = useQuery(FeedQuery, { variables: { first: PAGE } });
  useSubscription(FeedPostAddedSubscription, {
    onData: ({ data: event }) => {
      const post = event.data?.feedPostAdded;
      if (post) prependToConnection(client.cache, { field: 'feed', edgeTypename: 'PostEdge', node: post });
    },
  });
  const conn = data?.feed;

  return (
    <>
      <PageHeader title="Feed" subtitle="Runs and updates from the people you follow and your groups." />
      <div className="layout-aside">
        <div className="stack">
          <Composer />
          {error && <ErrorBox error={error} retry={() => void refetch()} />}
          {loading && !data && <Loading label="Loading your feed…" />}
          {conn && !conn.edges.length && (
            <Card>
              <Empty title="Your feed is empty">Follow runners or join a group to see their runs here.</Empty>
            </Card>
          )}
          <div className="stack" data-testid="feed">
            {conn?.edges.map(({ node }) => (
              <PostCard key={node.id} post={node} />
            ))}
          </div>
          {conn && (
            <LoadMore
              hasMore={conn.pageInfo.hasNextPage}
              loading={loading}
              onLoadMore={() => !loading && void fetchMore({ variables: { after: conn.pageInfo.endCursor } })}
              label="Older posts"
            />
          )}
        </div>
        <aside className="stack" aria-label="Find runners">
          <FindRunners />
        </aside>
      </div>
    </>
  );
}

/** Writes a post to the feed, or into a group when `groupId` is given (members see it in their feeds too). */
export function Composer({ groupId }: { groupId?: string }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [createPost, { loading }] = useMutation(CreatePostMutation, {
    update(cache, { data }) {
      if (!data) return;
      prependToConnection(cache, { field: 'feed', edgeTypename: 'PostEdge', node: data.createPost });
      if (groupId)
        prependToConnection(cache, {
          id: cache.identify({ __typename: 'Group', id: groupId }),
          field: 'posts',
          edgeTypename: 'PostEdge',
          node: data.createPost,
        });
    },
  });
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await createPost({ variables: { input: { text: text.trim(), groupId } } });
      setText('');
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }
  return (
    <Card>
      <form onSubmit={submit} className="form composer">
        <TextArea
          label={groupId ? 'Post to the group' : 'Share an update'}
          rows={2}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="How did training go?"
          maxLength={2000}
          error={error ?? undefined}
        />
        <div className="form-actions">
          <Button type="submit" busy={loading} disabled={!text.trim()}>
            Post
          </Button>
        </div>
      </form>
    </Card>
  );
}

/**
 * Follow, ask to follow (a runner who approves each follower), cancel a pending request, or
 * unfollow: the button shows the viewer's relation to the runner (`viewerFollowState`).
 */
export function FollowButton({
  user,
}: {
  user: { id: string; name: string } & Pick<FollowFieldsFragment, 'viewerFollowState' | 'followPolicy'>;
}) {
  const [error, setError] = useState<string | null>(null);
  // Following someone changes which posts the feed holds: it is read again when next shown.
  const opts = { update: (cache: ApolloCache<unknown>) => void cache.evict({ id: 'ROOT_QUERY', fieldName: 'feed' }) };
  const [follow, f] = useMutation(FollowMutation, opts);
  const [unfollow, u] = useMutation(UnfollowMutation, opts);
  const state = user.viewerFollowState;
  const toggle = () => {
    setError(null);
    const p = state === 'NONE' ? follow({ variables: { userId: user.id } }) : unfollow({ variables: { userId: user.id } });
    p.catch((err) => setError(errorMessage(err)));
  };
  const [text, name] =
    state === 'FOLLOWING'
      ? ['Unfollow', `Unfollow ${user.name}`]
      : state === 'REQUESTED'
        ? ['Requested', `Requested: cancel your request to follow ${user.name}`]
        : user.followPolicy === 'APPROVAL'
          ? ['Request to follow', `Request to follow ${user.name}`]
          : ['Follow', `Follow ${user.name}`];
  return (
    <>
      <Button
        variant={state === 'NONE' ? 'primary' : 'secondary'}
        size="sm"
        busy={f.loading || u.loading}
        onClick={toggle}
        aria-label={name}
      >
        {state === 'REQUESTED' && <Icon name="check" />}
        {text}
      </Button>
      {error && (
        <span className="error-text small" role="alert">
          {error}
        </span>
      )}
    </>
  );
}

function FindRunners() {
  const me = useViewer();
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query.trim());
  const { data, loading, error } = useQuery(SearchUsersQuery, { variables: { query: deferred }, skip: deferred.length < 2 });
  return (
    <Card title="Find runners" titleId="find-title">
      <div className="field">
        <label htmlFor="find-runners">Name or username</label>
        <input id="find-runners" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Search…" />
      </div>
      {error && <ErrorBox error={error} />}
      {loading && <Loading label="Searching…" />}
      {data && deferred.length >= 2 && (
        <ul className="list people" aria-label="Search results">
          {data.searchUsers.length === 0 && <li className="muted">Nobody found.</li>}
          {data.searchUsers.map((u) => (
            <li key={u.id} className="person">
              <Avatar name={u.name} size="sm" />
              <span className="person-name">
                <Link to={`/u/${u.username}`}>{u.name}</Link>
                <span className="muted small">
                  @{u.username} · {plural(u.followerCount, 'follower')}
                </span>
              </span>
              {u.id !== me.id && <FollowButton user={u} />}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
