import { useMutation, useQuery } from '@apollo/client';
import { useState } from 'react';
import { dropFromList } from '../../apollo/cache';
import { AuthorizedAppsQuery, RevokeAuthorizedAppMutation } from '../../api/operations';
import { errorMessage } from '../../lib/errors';
import { formatDateTime, formatRelative } from '../../lib/format';
import { RevocableItem } from './RevocableItem';
import { Button, Card, Dialog, Empty, ErrorBox, Loading } from '../../ui/components';
import { Icon } from '../../ui/icons';

/** The apps (MCP clients among them) the runner approved through OAuth, each revocable at once. */
export function AuthorizedApps() {
  const { data, loading, error, refetch } = useQuery(AuthorizedAppsQuery, { fetchPolicy: 'cache-and-network' });
  const [revoke, revoking] = useMutation(RevokeAuthorizedAppMutation);
  const [confirming, setConfirming] = useState<{ id: string; name: string } | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function confirmRevoke() {
    if (!confirming) return;
    setActionError(null);
    setDone(null);
    try {
      await revoke({ variables: { id: confirming.id }, update: (cache) => dropFromList(cache, 'authorizedApps', confirming.id) });
      setDone(`“${confirming.name}” is disconnected: its access ended everywhere.`);
    } catch (err) {
      setActionError(errorMessage(err));
    }
    setConfirming(null);
  }

  const apps = data?.authorizedApps ?? [];
  return (
    <Card title="Authorized apps" titleId="apps-title">
      <p className="muted">
        Apps you connected with “Sign in with Maratron”, such as an AI assistant using the MCP server. Each acts only within the scopes you
        approved; revoke one to end its access at once.
      </p>
      {error && <ErrorBox error={error} retry={() => void refetch()} />}
      {actionError && <ErrorBox error={actionError} title="Not revoked" />}
      {done && (
        <p className="saved" role="status">
          <Icon name="check" /> {done}
        </p>
      )}
      {loading && !data ? (
        <Loading label="Loading your apps…" />
      ) : apps.length === 0 ? (
        <Empty title="No apps connected">When you approve an app, it appears here.</Empty>
      ) : (
        <ul className="setting-list" aria-label="Your authorized apps">
          {apps.map((a) => (
            <RevocableItem
              key={a.id}
              testId="authorized-app"
              name={a.name}
              scopes={a.scopes}
              onRevoke={() => setConfirming({ id: a.id, name: a.name })}
              details={
                <>
                  Authorized {formatDateTime(a.authorizedAt)} · {a.lastUsedAt ? `last used ${formatRelative(a.lastUsedAt)}` : 'never used'}
                </>
              }
            />
          ))}
        </ul>
      )}
      <Dialog open={confirming != null} onClose={() => setConfirming(null)} title="Revoke this app?">
        <p>“{confirming?.name}” loses access at once, everywhere. To use it again you will have to approve it again.</p>
        <div className="form-actions">
          <Button type="button" variant="ghost" onClick={() => setConfirming(null)} autoFocus>
            Keep it
          </Button>
          <Button variant="danger" busy={revoking.loading} onClick={() => void confirmRevoke()}>
            Revoke app
          </Button>
        </div>
      </Dialog>
    </Card>
  );
}
