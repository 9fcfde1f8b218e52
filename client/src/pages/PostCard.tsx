import { useApolloClient, useMutation, useQuery, useSubscription } from '@apollo/client';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { appendToConnection, removeFromCache } from '../apollo/cache';
import {
  AddCommentMutation,
  CommentAddedSubscription,
  CommentsQuery,
  DeletePostMutation,
  LikePostMutation,
  PostUpdatedSubscription,
  UnlikePostMutation,
} from '../api/operations';
import type { PostFieldsFragment } from '../gql/graphql';
import { errorMessage } from '../lib/errors';
import { formatDistance, formatDuration, formatPace, formatRelative } from '../lib/format';
import { Avatar, Button, ErrorBox, Loading, LoadMore, UserLink } from '../ui/components';
import { Icon } from '../ui/icons';
import { useViewer } from '../viewer';

/**
 * One post, live: postUpdated keeps its kudos and comment counts current (the event lands on
 * Post:id in the cache), and while its comments are open commentAdded appends new ones.
 */
export function PostCard({ post }: { post: PostFieldsFragment }) {
  const me = useViewer();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useSubscription(PostUpdatedSubscription, { variables: { postId: post.id } });
  const optimistic = (liked: boolean) => ({
    __typename: 'Post' as const,
    id: post.id,
    likedByViewer: liked,
    likeCount: post.likeCount + (liked ? 1 : -1),
  });
  const [like] = useMutation(LikePostMutation, { optimisticResponse: { likePost: optimistic(true) } });
  const [unlike] = useMutation(UnlikePostMutation, { optimisticResponse: { unlikePost: optimistic(false) } });
  const [deletePost, deleting] = useMutation(DeletePostMutation, {
    update: (cache) => removeFromCache(cache, { __typename: 'Post', id: post.id }),
  });

  const toggleLike = () => {
    setError(null);
    const p = post.likedByViewer ? unlike({ variables: { postId: post.id } }) : like({ variables: { postId: post.id } });
    p.catch((err) => setError(errorMessage(err)));
  };

  return (
    <article className="card post" aria-labelledby={`post-${post.id}-author`} data-testid="post">
      <header className="post-header">
        <Avatar name={post.author.name} />
        <div className="post-meta">
          <span id={`post-${post.id}-author`}>
            <UserLink user={post.author} />
            {post.group && (
              <>
                {' in '}
                <Link to={`/groups/${post.group.id}`}>{post.group.name}</Link>
              </>
            )}
          </span>
          <time className="muted small" dateTime={post.createdAt}>
            {formatRelative(post.createdAt)}
          </time>
        </div>
        {post.author.id === me.id && (
          <Button
            variant="ghost"
            size="sm"
            busy={deleting.loading}
            onClick={() => void deletePost({ variables: { id: post.id } }).catch((err) => setError(errorMessage(err)))}
            aria-label="Delete post"
          >
            <Icon name="trash" />
          </Button>
        )}
      </header>
      {post.text && <p className="post-text">{post.text}</p>}
      {post.run && (
        <Link to={`/runs/${post.run.id}`} className="post-run">
          <Icon name="runs" />
          <span className="post-run-name">{post.run.name || 'Run'}</span>
          <span className="post-run-figures">
            <span>{formatDistance(post.run.distance, me.units)}</span>
            <span>{formatDuration(post.run.duration)}</span>
            <span>{formatPace(post.run.pace, me.units)}</span>
          </span>
        </Link>
      )}
      <div className="post-actions">
        <button
          type="button"
          className={`action ${post.likedByViewer ? 'active' : ''}`}
          aria-pressed={post.likedByViewer}
          onClick={toggleLike}
        >
          <Icon name="heart" />
          <span data-testid="like-count">{post.likeCount}</span>
          <span className="visually-hidden">kudos{post.likedByViewer ? ', given by you' : ''}</span>
        </button>
        <button
          type="button"
          className={`action ${open ? 'active' : ''}`}
          aria-expanded={open}
          aria-controls={`comments-${post.id}`}
          onClick={() => setOpen((o) => !o)}
        >
          <Icon name="comment" />
          <span data-testid="comment-count">{post.commentCount}</span>
          <span className="visually-hidden">comments</span>
        </button>
      </div>
      {error && <p className="error-text">{error}</p>}
      {open && <Comments postId={post.id} />}
    </article>
  );
}

function Comments({ postId }: { postId: string }) {
  const client = useApolloClient();
  const postCacheId = client.cache.identify({ __typename: 'Post', id: postId })!;
  const { data, loading, error, fetchMore, refetch } = useQuery(CommentsQuery, { variables: { postId } });
  const [text, setText] = useState('');
  const [sendError, setSendError] = useState<string | null>(null);
  useSubscription(CommentAddedSubscription, {
    variables: { postId },
    onData: ({ data: event }) => {
      const c = event.data?.commentAdded;
      if (c) appendToConnection(client.cache, { id: postCacheId, field: 'comments', edgeTypename: 'CommentEdge', node: c });
    },
  });
  const [addComment, adding] = useMutation(AddCommentMutation, {
    update(cache, { data: d }) {
      if (d) appendToConnection(cache, { id: postCacheId, field: 'comments', edgeTypename: 'CommentEdge', node: d.addComment });
    },
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!text.trim()) return;
    try {
      await addComment({ variables: { postId, text: text.trim() } });
      setText('');
      setSendError(null);
    } catch (err) {
      setSendError(errorMessage(err));
    }
  }

  const conn = data?.post?.comments;
  return (
    <div className="comments" id={`comments-${postId}`}>
      {error && <ErrorBox error={error} retry={() => void refetch()} />}
      {loading && !data && <Loading label="Loading comments…" />}
      {conn && (
        <ul className="comment-list" aria-label="Comments">
          {conn.edges.map(({ node }) => (
            <li key={node.id} className="comment">
              <Avatar name={node.author.name} size="sm" />
              <div>
                <span className="comment-head">
                  <UserLink user={node.author} /> <span className="muted small">{formatRelative(node.createdAt)}</span>
                </span>
                <p>{node.text}</p>
              </div>
            </li>
          ))}
        </ul>
      )}
      {conn && (
        <LoadMore
          hasMore={conn.pageInfo.hasNextPage}
          loading={loading}
          onLoadMore={() => void fetchMore({ variables: { after: conn.pageInfo.endCursor } })}
          label="More comments"
        />
      )}
      <form className="comment-form" onSubmit={submit}>
        <label htmlFor={`comment-input-${postId}`} className="visually-hidden">
          Write a comment
        </label>
        <input
          id={`comment-input-${postId}`}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Write a comment…"
          maxLength={2000}
        />
        <Button type="submit" size="sm" busy={adding.loading} disabled={!text.trim()}>
          Send
        </Button>
      </form>
      {sendError && <p className="error-text">{sendError}</p>}
    </div>
  );
}
