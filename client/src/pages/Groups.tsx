import { useMutation, useQuery } from '@apollo/client';
import { useDeferredValue, useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { prependToConnection } from '../apollo/cache';
import { CreateGroupMutation, GroupsQuery, JoinGroupMutation, LeaveGroupMutation } from '../api/operations';
import type { GroupFieldsFragment } from '../gql/graphql';
import { errorMessage, formErrors } from '../lib/errors';
import type { FormErrors } from '../lib/errors';
import { plural } from '../lib/format';
import { Button, Card, Checkbox, Dialog, Empty, ErrorBox, Loading, LoadMore, PageHeader, TextArea, TextField } from '../ui/components';
import { Icon } from '../ui/icons';

export default function Groups() {
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query.trim());
  const [creating, setCreating] = useState(false);
  const { data, loading, error, fetchMore, refetch } = useQuery(GroupsQuery, { variables: { query: deferred || null } });
  const conn = data?.groups;
  return (
    <>
      <PageHeader
        title="Groups"
        subtitle="Clubs and crews: a shared feed and a live leaderboard."
        actions={
          <Button onClick={() => setCreating(true)}>
            <Icon name="plus" /> New group
          </Button>
        }
      />
      <Card>
        <div className="field">
          <label htmlFor="group-search">Search groups</label>
          <input id="group-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Club name…" />
        </div>
        {error && <ErrorBox error={error} retry={() => void refetch()} />}
        {loading && !data && <Loading />}
        {conn && !conn.edges.length && (
          <Empty title={deferred ? 'No group matches' : 'No groups yet'}>Start one for your club or your running friends.</Empty>
        )}
        {conn && (
          <ul className="list groups">
            {conn.edges.map(({ node }) => (
              <GroupRow key={node.id} group={node} />
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
      <Dialog open={creating} onClose={() => setCreating(false)} title="New group">
        <GroupForm onDone={() => setCreating(false)} />
      </Dialog>
    </>
  );
}

export function MembershipButton({ group }: { group: GroupFieldsFragment }) {
  const [error, setError] = useState<string | null>(null);
  const [join, j] = useMutation(JoinGroupMutation);
  const [leave, l] = useMutation(LeaveGroupMutation);
  const toggle = () => {
    setError(null);
    const p = group.isMember ? leave({ variables: { groupId: group.id } }) : join({ variables: { groupId: group.id } });
    p.catch((err) => setError(errorMessage(err)));
  };
  return (
    <>
      <Button
        variant={group.isMember ? 'secondary' : 'primary'}
        size="sm"
        busy={j.loading || l.loading}
        onClick={toggle}
        aria-label={`${group.isMember ? 'Leave' : 'Join'} ${group.name}`}
      >
        {group.isMember ? 'Leave' : 'Join'}
      </Button>
      {error && <span className="error-text small">{error}</span>}
    </>
  );
}

function GroupRow({ group }: { group: GroupFieldsFragment }) {
  return (
    <li className="group-row">
      <div className="group-row-main">
        <Link to={`/groups/${group.id}`} className="group-name">
          {group.name}
        </Link>
        <span className="muted small">
          {plural(group.memberCount, 'member')} · {group.private ? 'Private' : 'Public'}
          {group.isMember && ' · You are a member'}
        </span>
        {group.description && <span className="group-description">{group.description}</span>}
      </div>
      <MembershipButton group={group} />
    </li>
  );
}

function GroupForm({ onDone }: { onDone: () => void }) {
  const navigate = useNavigate();
  const [v, setV] = useState({ name: '', description: '', private: false });
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [create, { loading }] = useMutation(CreateGroupMutation, {
    update(cache, { data }) {
      if (data)
        prependToConnection(cache, {
          field: 'groups',
          edgeTypename: 'GroupEdge',
          node: data.createGroup,
          accept: (name) => !name.includes('"query":"'),
        });
    },
  });
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!v.name.trim()) return setErrors({ fields: { name: 'Give the group a name.' } });
    try {
      const { data } = await create({
        variables: { input: { name: v.name.trim(), description: v.description.trim() || null, private: v.private } },
      });
      onDone();
      if (data) void navigate(`/groups/${data.createGroup.id}`);
    } catch (err) {
      setErrors(formErrors(err, ['name', 'description', 'private']));
    }
  }
  return (
    <form onSubmit={submit} noValidate className="form">
      {errors.form && <ErrorBox error={errors.form} />}
      <TextField
        label="Name"
        value={v.name}
        onChange={(e) => setV({ ...v, name: e.target.value })}
        error={errors.fields.name}
        maxLength={100}
        required
        autoFocus
      />
      <TextArea
        label="Description"
        rows={3}
        value={v.description}
        onChange={(e) => setV({ ...v, description: e.target.value })}
        error={errors.fields.description}
        maxLength={1000}
      />
      <Checkbox
        label="Private: posts and members visible to members only"
        checked={v.private}
        onChange={(e) => setV({ ...v, private: e.target.checked })}
      />
      <div className="form-actions">
        <Button type="button" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" busy={loading}>
          Create group
        </Button>
      </div>
    </form>
  );
}
