import { useMutation, useQuery } from '@apollo/client';
import type { ApolloCache } from '@apollo/client';
import { useState } from 'react';
import { dropFromList } from '../../apollo/cache';
import {
  ApproveFollowRequestMutation,
  BlockedUsersQuery,
  DeclineFollowRequestMutation,
  FollowRequestsQuery,
  UnblockUserMutation,
} from '../../api/operations';
import type { FollowPolicy } from '../../gql/graphql';
import { errorMessage } from '../../lib/errors';
import { formatRelative } from '../../lib/format';
import { Avatar, Button, Card, Empty, ErrorBox, Loading, UserLink } from '../../ui/components';
import { Icon } from '../../ui/icons';
import { useViewer } from '../../viewer';
import { ProfileChoiceCard } from './ProfileChoice';
import type { Choice } from './ProfileChoice';
import { SettingsHeader } from './SettingsNav';

export default function FollowerSettings() {
  return (
    <>
      <SettingsHeader title="Followers and blocks" subtitle="Who may follow you, and who may not see you at all." />
      <FollowPolicyCard />
      <FollowRequests />
      <BlockedRunners />
    </>
  );
}

const POLICIES: Choice<FollowPolicy>[] = [
  { value: 'OPEN', label: 'Anyone can follow me', detail: 'A new follower sees your Followers runs at once.' },
  {
    value: 'APPROVAL',
    label: 'I approve each follower',
    detail: 'Runners ask to follow you; they see nothing for followers until you approve.',
  },
];

function FollowPolicyCard() {
  const me = useViewer();
  return (
    <ProfileChoiceCard
      title="Who can follow me"
      titleId="follow-policy-title"
      name="follow-policy"
      legend="Who can follow me"
      choices={POLICIES}
      stored={me.followPolicy}
      input={(followPolicy) => ({ followPolicy })}
    />
  );
}

function FollowRequests() {
  const { data, loading, error, refetch } = useQuery(FollowRequestsQuery, { fetchPolicy: 'cache-and-network' });
  const [actionError, setActionError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [approve, approving] = useMutation(ApproveFollowRequestMutation);
  const [decline, declining] = useMutation(DeclineFollowRequestMutation);
  const me = useViewer();

  async function answer(id: string, name: string, yes: boolean) {
    setActionError(null);
    setDone(null);
    try {
      const update = (cache: ApolloCache<unknown>) => {
        dropFromList(cache, 'followRequests', id);
        // The follower count on the viewer's profile changes: read again when shown.
        if (yes) cache.evict({ id: cache.identify({ __typename: 'User', id: me.id }), fieldName: 'followerCount' });
      };
      if (yes) await approve({ variables: { id }, update });
      else await decline({ variables: { id }, update });
      setDone(yes ? `${name} now follows you.` : `You declined ${name}'s request.`);
    } catch (err) {
      setActionError(errorMessage(err));
    }
  }

  const requests = data?.followRequests ?? [];
  return (
    <Card
      title={
        <>
          Follow requests
          {requests.length > 0 && <span className="pill pill-accent">{requests.length}</span>}
        </>
      }
      titleId="follow-requests-title"
    >
      {error && <ErrorBox error={error} retry={() => void refetch()} />}
      {actionError && <ErrorBox error={actionError} title="Not done" />}
      {done && (
        <p className="saved" role="status">
          <Icon name="check" /> {done}
        </p>
      )}
      {loading && !data ? (
        <Loading label="Loading requests…" />
      ) : requests.length ? (
        <ul className="setting-list" aria-label="Pending follow requests">
          {requests.map((r) => (
            <li key={r.id}>
              <Avatar name={r.from.name} size="sm" />
              <span className="setting-item-main">
                <UserLink user={r.from} />
                <span className="muted small">
                  @{r.from.username} · asked {formatRelative(r.createdAt)}
                </span>
              </span>
              <span className="card-actions">
                <Button
                  size="sm"
                  busy={approving.loading}
                  onClick={() => void answer(r.id, r.from.name, true)}
                  aria-label={`Approve ${r.from.name}`}
                >
                  Approve
                </Button>
                <Button
                  size="sm"
                  variant="secondary"
                  busy={declining.loading}
                  onClick={() => void answer(r.id, r.from.name, false)}
                  aria-label={`Decline ${r.from.name}`}
                >
                  Decline
                </Button>
              </span>
            </li>
          ))}
        </ul>
      ) : (
        data && (
          <Empty title="No pending requests">
            {me.followPolicy === 'APPROVAL'
              ? 'When runners ask to follow you, they wait here for your answer.'
              : 'Anyone can follow you right now. Choose "I approve each follower" above to review them first.'}
          </Empty>
        )
      )}
    </Card>
  );
}

function BlockedRunners() {
  const { data, loading, error, refetch } = useQuery(BlockedUsersQuery, { fetchPolicy: 'cache-and-network' });
  const [actionError, setActionError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [unblock, unblocking] = useMutation(UnblockUserMutation);

  async function lift(id: string, name: string) {
    setActionError(null);
    setDone(null);
    try {
      await unblock({ variables: { userId: id }, update: (cache) => dropFromList(cache, 'blockedUsers', id) });
      setDone(`${name} is unblocked. They can find you again; earlier follows do not come back.`);
    } catch (err) {
      setActionError(errorMessage(err));
    }
  }

  const blocked = data?.blockedUsers ?? [];
  return (
    <Card title="Blocked runners" titleId="blocked-title">
      <p className="muted">
        A blocked runner cannot see your profile, runs, posts or comments, follow you, comment or give kudos; to them you do not exist. They
        are not told. Block someone from their profile.
      </p>
      {error && <ErrorBox error={error} retry={() => void refetch()} />}
      {actionError && <ErrorBox error={actionError} title="Not done" />}
      {done && (
        <p className="saved" role="status">
          <Icon name="check" /> {done}
        </p>
      )}
      {loading && !data ? (
        <Loading label="Loading blocked runners…" />
      ) : blocked.length ? (
        <ul className="setting-list" aria-label="Blocked runners">
          {blocked.map((u) => (
            <li key={u.id}>
              <Avatar name={u.name} size="sm" />
              <span className="setting-item-main">
                <strong>{u.name}</strong>
                <span className="muted small">@{u.username}</span>
              </span>
              <Button
                size="sm"
                variant="secondary"
                busy={unblocking.loading}
                onClick={() => void lift(u.id, u.name)}
                aria-label={`Unblock ${u.name}`}
              >
                Unblock
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        data && <Empty title="You have blocked nobody" />
      )}
    </Card>
  );
}
