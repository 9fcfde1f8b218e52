import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { authHeader } from '../apollo/session';
import { TOKEN_SCOPES } from '../lib/token-scopes';
import { useViewer } from '../viewer';
import { Button, Card, ErrorBox, Loading, PageHeader } from '../ui/components';

/** What GET /api/oauth/requests/:id answers: the app, the scopes it asks for, the resource its tokens are for. */
interface ConsentRequest {
  app: { clientId: string; name: string; redirectHost: string };
  scopes: string[];
  resource: string;
}

/** The API's answer, or its `{ error: { message } }` as an Error. */
async function call<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { ...init, headers: { ...authHeader(), 'content-type': 'application/json', ...init?.headers } });
  const body = (await res.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
  if (!res.ok || !body) throw new Error(body?.error?.message ?? `The request failed (${res.status}).`);
  return body;
}

/**
 * The OAuth consent page (/oauth/consent?request=…), where the gateway's authorization server sends
 * the runner: the app's name and the scopes it asks for in plain words, then Approve or Deny. The
 * answer goes to the gateway, which names where the browser goes next: back to the app, with a code
 * or with access_denied.
 */
export default function OAuthConsent() {
  const me = useViewer();
  const [params] = useSearchParams();
  const id = params.get('request') ?? '';
  const [request, setRequest] = useState<ConsentRequest | null>(null);
  const [error, setError] = useState<string | null>(id ? null : 'This link is incomplete: start again from the app.');
  const [answering, setAnswering] = useState<'approve' | 'deny' | null>(null);

  useEffect(() => {
    if (!id) return;
    let current = true;
    call<ConsentRequest>(`/api/oauth/requests/${encodeURIComponent(id)}`).then(
      (r) => current && setRequest(r),
      (e: unknown) => current && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      current = false;
    };
  }, [id]);

  async function answer(approve: boolean) {
    setAnswering(approve ? 'approve' : 'deny');
    setError(null);
    try {
      const { redirectTo } = await call<{ redirectTo: string }>(`/api/oauth/requests/${encodeURIComponent(id)}`, {
        method: 'POST',
        body: JSON.stringify({ approve }),
      });
      window.location.assign(redirectTo);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setAnswering(null);
    }
  }

  const asked = TOKEN_SCOPES.filter((s) => request?.scopes.includes(s.scope));
  return (
    <>
      <PageHeader title="Connect an app" subtitle={`Signed in as ${me.name} (@${me.username})`} />
      {error && <ErrorBox error={error} title="This request can’t be answered" />}
      {!request && !error && <Loading label="Loading the app’s request…" />}
      {request && (
        <Card title={`${request.app.name} wants to use your Maratron account`} titleId="consent-title" className="consent">
          <p>
            It will send you back to <strong className="break-anywhere">{request.app.redirectHost}</strong>. Approve only an app you trust
            and started connecting yourself.
          </p>
          <h3>It asks to:</h3>
          <ul className="consent-scopes" aria-label="What the app asks for">
            {asked.map((s) => (
              <li key={s.scope} data-testid="consent-scope">
                <strong>{s.label}</strong>
                <span className="muted small">{s.explanation}</span>
              </li>
            ))}
          </ul>
          <p className="muted small">
            It can’t change your password, sessions, tokens or privacy settings, nor delete your account. You can revoke it any time in
            Settings → Integrations.
          </p>
          <div className="form-actions">
            <Button variant="ghost" busy={answering === 'deny'} disabled={answering != null} onClick={() => void answer(false)}>
              Deny
            </Button>
            <Button busy={answering === 'approve'} disabled={answering != null} onClick={() => void answer(true)}>
              Approve
            </Button>
          </div>
        </Card>
      )}
    </>
  );
}
