import { useMutation, useQuery } from '@apollo/client';
import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { dropFromList } from '../../apollo/cache';
import {
  CreatePersonalAccessTokenMutation,
  CreateWebhookMutation,
  DeleteWebhookMutation,
  PersonalAccessTokensQuery,
  RevokePersonalAccessTokenMutation,
  WebhooksQuery,
} from '../../api/operations';
import type { TokenScope, WebhookEvent } from '../../gql/graphql';
import { errorMessage, formErrors } from '../../lib/errors';
import type { FormErrors } from '../../lib/errors';
import { formatDateTime, formatRelative } from '../../lib/format';
import { Button, Card, Dialog, Empty, ErrorBox, Loading, TextField } from '../../ui/components';
import { Icon } from '../../ui/icons';
import { TOKEN_SCOPES as SCOPES } from '../../lib/token-scopes';
import { RevocableItem } from './RevocableItem';
import { AuthorizedApps } from './AuthorizedApps';
import { SettingsHeader } from './SettingsNav';

const EVENTS: { event: WebhookEvent; label: string; explanation: string }[] = [
  { event: 'RUN_CREATED', label: 'Run created', explanation: 'A run was logged or imported.' },
  { event: 'RUN_UPDATED', label: 'Run updated', explanation: 'A run was edited.' },
  { event: 'RUN_DELETED', label: 'Run deleted', explanation: 'A run was deleted.' },
];
const EVENT_LABEL = Object.fromEntries(EVENTS.map((e) => [e.event, e.label])) as Record<WebhookEvent, string>;

export default function IntegrationSettings() {
  return (
    <>
      <SettingsHeader
        title="Integrations"
        subtitle="Tokens for your scripts, the apps you connected, and webhooks that tell another service when your runs change."
      />
      <AccessTokens />
      <AuthorizedApps />
      <Webhooks />
    </>
  );
}

/** A secret the server shows only once: the value, a copy button and the warning. */
function OnceSecret({
  label,
  value,
  testId,
  children,
  onDone,
}: {
  label: string;
  value: string;
  testId: string;
  children: string;
  onDone: () => void;
}) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const id = useId();
  // Focus moves to the secret when it appears, so keyboard and screen-reader users meet it first.
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), []);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  return (
    <section className="once-secret" aria-labelledby={id} tabIndex={-1} ref={ref}>
      <p className="saved" role="status" id={id}>
        <Icon name="check" /> {children}
      </p>
      <p>
        <strong>Copy it now: you won’t see it again.</strong> Maratron keeps only a fingerprint of it.
      </p>
      <code className="secret" aria-label={label} data-testid={testId}>
        {value}
      </code>
      <div className="form-actions">
        {copied === false && <span className="field-error">Copying failed: select the text and copy it by hand.</span>}
        <Button variant="secondary" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy'}
        </Button>
        <Button onClick={onDone}>Done</Button>
      </div>
    </section>
  );
}

/** Checkboxes for a set of values, in a fieldset whose legend names them and whose error the server can set. */
function CheckboxGroup<T extends string>({
  legend,
  options,
  selected,
  onChange,
  error,
}: {
  legend: string;
  options: { value: T; label: string; explanation: string }[];
  selected: T[];
  onChange: (next: T[]) => void;
  error?: string;
}) {
  const id = useId();
  return (
    <fieldset className={`field span-2 ${error ? 'field-invalid' : ''}`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      <div className="radio-stack">
        {options.map((o) => (
          <label key={o.value} className="checkbox">
            <input
              type="checkbox"
              value={o.value}
              checked={selected.includes(o.value)}
              onChange={(e) => onChange(e.target.checked ? [...selected, o.value] : selected.filter((v) => v !== o.value))}
              aria-describedby={`${id}-${o.value}`}
            />
            <span className="radio-text">
              <span>{o.label}</span>
              <span className="muted small" id={`${id}-${o.value}`}>
                {o.explanation}
              </span>
            </span>
          </label>
        ))}
      </div>
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

function AccessTokens() {
  const { data, loading, error, refetch } = useQuery(PersonalAccessTokensQuery, { fetchPolicy: 'cache-and-network' });
  const [revoke, revoking] = useMutation(RevokePersonalAccessTokenMutation);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [confirming, setConfirming] = useState<{ id: string; name: string } | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function confirmRevoke() {
    if (!confirming) return;
    setActionError(null);
    setDone(null);
    try {
      await revoke({ variables: { id: confirming.id }, update: (cache) => dropFromList(cache, 'personalAccessTokens', confirming.id) });
      setDone(`“${confirming.name}” is revoked: it no longer works anywhere.`);
    } catch (err) {
      setActionError(errorMessage(err));
    }
    setConfirming(null);
  }

  const tokens = data?.personalAccessTokens ?? [];
  return (
    <Card title="Personal access tokens" titleId="tokens-title">
      <p className="muted">
        A token lets a script or an app use Maratron’s API as you, limited to the scopes you choose. Send it as{' '}
        <code>Authorization: Bearer …</code>. Revoke a token you no longer use.
      </p>
      {error && <ErrorBox error={error} retry={() => void refetch()} />}
      {actionError && <ErrorBox error={actionError} title="Not revoked" />}
      {done && (
        <p className="saved" role="status">
          <Icon name="check" /> {done}
        </p>
      )}
      {loading && !data ? (
        <Loading label="Loading your tokens…" />
      ) : tokens.length === 0 ? (
        <Empty title="No tokens yet">Create one below for a script or an app.</Empty>
      ) : (
        <ul className="setting-list" aria-label="Your personal access tokens">
          {tokens.map((t) => (
            <RevocableItem
              key={t.id}
              testId="access-token"
              name={t.name}
              scopes={t.scopes}
              onRevoke={() => setConfirming({ id: t.id, name: t.name })}
              details={
                <>
                  Created {formatDateTime(t.createdAt)} · {t.lastUsedAt ? `last used ${formatRelative(t.lastUsedAt)}` : 'never used'} ·{' '}
                  {t.expiresAt ? `expires ${formatDateTime(t.expiresAt)}` : 'no expiry'}
                </>
              }
            />
          ))}
        </ul>
      )}
      {created ? (
        <OnceSecret label={`The token “${created.name}”`} value={created.token} testId="token-secret" onDone={() => setCreated(null)}>
          {`Token “${created.name}” created.`}
        </OnceSecret>
      ) : (
        <CreateToken onCreated={setCreated} />
      )}
      <Dialog open={confirming != null} onClose={() => setConfirming(null)} title="Revoke this token?">
        <p>
          “{confirming?.name}” stops working at once, everywhere it is used. Scripts and apps using it will need a new token. This cannot be
          undone.
        </p>
        <div className="form-actions">
          <Button type="button" variant="ghost" onClick={() => setConfirming(null)} autoFocus>
            Keep it
          </Button>
          <Button variant="danger" busy={revoking.loading} onClick={() => void confirmRevoke()}>
            Revoke token
          </Button>
        </div>
      </Dialog>
    </Card>
  );
}

function CreateToken({ onCreated }: { onCreated: (created: { name: string; token: string }) => void }) {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<TokenScope[]>([]);
  const [days, setDays] = useState('');
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [create, { loading }] = useMutation(CreatePersonalAccessTokenMutation, { refetchQueries: [PersonalAccessTokensQuery] });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (!name.trim()) fields.name = 'Name the token after what will use it.';
    if (scopes.length === 0) fields.scopes = 'Choose at least one scope.';
    const expiresInDays = days.trim() ? Number(days) : null;
    if (expiresInDays != null && (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > 3650))
      fields.expiresInDays = 'Whole days, 1 to 3650 (or leave it empty).';
    if (Object.keys(fields).length) return setErrors({ fields });
    try {
      const { data } = await create({ variables: { name: name.trim(), scopes, expiresInDays } });
      if (data) {
        onCreated({ name: data.createPersonalAccessToken.accessToken.name, token: data.createPersonalAccessToken.token });
        setName('');
        setScopes([]);
        setDays('');
      }
      setErrors({ fields: {} });
    } catch (err) {
      setErrors(formErrors(err, ['name', 'scopes', 'expiresInDays']));
    }
  }

  return (
    <form onSubmit={submit} noValidate className="form" aria-labelledby="new-token-title">
      <h3 id="new-token-title">New token</h3>
      {errors.form && <ErrorBox error={errors.form} title="Token not created" />}
      <div className="form-grid">
        <TextField
          label="Name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.fields.name}
          hint="What will use it, e.g. “weekly export”."
          maxLength={100}
          required
        />
        <TextField
          label="Expires after (days)"
          inputMode="numeric"
          value={days}
          onChange={(e) => setDays(e.target.value)}
          error={errors.fields.expiresInDays}
          hint="Optional: empty, it works until you revoke it."
        />
        <CheckboxGroup
          legend="Scopes"
          options={SCOPES.map((s) => ({ ...s, value: s.scope }))}
          selected={scopes}
          onChange={setScopes}
          error={errors.fields.scopes}
        />
      </div>
      <div className="form-actions">
        <Button type="submit" busy={loading}>
          Create token
        </Button>
      </div>
    </form>
  );
}

function Webhooks() {
  const { data, loading, error, refetch } = useQuery(WebhooksQuery, {
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const [remove, removing] = useMutation(DeleteWebhookMutation);
  const [created, setCreated] = useState<{ secret: string } | null>(null);
  const [confirming, setConfirming] = useState<{ id: string; url: string } | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function confirmDelete() {
    if (!confirming) return;
    setActionError(null);
    setDone(null);
    try {
      await remove({ variables: { id: confirming.id }, update: (cache) => dropFromList(cache, 'webhooks', confirming.id) });
      setDone(`The webhook to ${confirming.url} is deleted.`);
    } catch (err) {
      setActionError(errorMessage(err));
    }
    setConfirming(null);
  }

  const webhooks = data?.webhooks ?? [];
  return (
    <Card title="Webhooks" titleId="webhooks-title">
      <p className="muted">
        Maratron sends a signed <code>POST</code> to your URL when one of your runs is created, updated or deleted. Each delivery is signed
        with the webhook’s secret in the <code>X-Maratron-Signature</code> header.
      </p>
      {error && <ErrorBox error={error} retry={() => void refetch()} />}
      {actionError && <ErrorBox error={actionError} title="Not deleted" />}
      {done && (
        <p className="saved" role="status">
          <Icon name="check" /> {done}
        </p>
      )}
      {loading && !data ? (
        <Loading label="Loading your webhooks…" />
      ) : webhooks.length === 0 ? (
        <Empty title="No webhooks yet">Add one below to hear about your runs elsewhere.</Empty>
      ) : (
        <>
          <div className="form-actions">
            <Button size="sm" variant="secondary" busy={loading} onClick={() => void refetch()}>
              Refresh deliveries
            </Button>
          </div>
          <ul className="setting-list" aria-label="Your webhooks">
            {webhooks.map((w) => (
              <li key={w.id} data-testid="webhook" className="webhook-item">
                <span className="setting-item-main">
                  <strong>
                    {w.url}
                    <span className={`pill webhook-state ${w.active ? 'pill-done' : ''}`}>{w.active ? 'Active' : 'Inactive'}</span>
                  </strong>
                  <span className="small">{w.events.map((e) => EVENT_LABEL[e] ?? e).join(', ')}</span>
                  <span className="muted small">
                    Created {formatDateTime(w.createdAt)}
                    {w.active ? '' : ' · stopped after failing for too long: delete it and add it again to resume'}
                  </span>
                </span>
                <Button
                  size="sm"
                  variant="secondary"
                  onClick={() => setConfirming({ id: w.id, url: w.url })}
                  aria-label={`Delete the webhook to ${w.url}`}
                >
                  Delete
                </Button>
                <div className="webhook-deliveries">
                  <h4 id={`deliveries-${w.id}`}>Recent deliveries</h4>
                  {w.deliveries.length === 0 ? (
                    <p className="muted small">None yet.</p>
                  ) : (
                    <ul className="delivery-list" aria-labelledby={`deliveries-${w.id}`}>
                      {w.deliveries.map((d) => (
                        <li key={d.id} data-testid="delivery">
                          <strong>{EVENT_LABEL[d.event] ?? d.event}</strong>
                          <span>
                            {d.responseStatus != null ? `answered ${d.responseStatus}` : d.attempts > 0 ? 'no answer' : 'not sent yet'}
                          </span>
                          <span>
                            {d.attempts} {d.attempts === 1 ? 'attempt' : 'attempts'}
                          </span>
                          <span className="muted">
                            {d.deliveredAt ? `delivered ${formatDateTime(d.deliveredAt)}` : `pending since ${formatDateTime(d.createdAt)}`}
                          </span>
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      {created ? (
        <OnceSecret label="The webhook’s signing secret" value={created.secret} testId="webhook-secret" onDone={() => setCreated(null)}>
          Webhook added. Verify each delivery’s signature with this secret.
        </OnceSecret>
      ) : (
        <CreateWebhook onCreated={setCreated} />
      )}
      <Dialog open={confirming != null} onClose={() => setConfirming(null)} title="Delete this webhook?">
        <p>Nothing more is sent to {confirming?.url}, and its delivery history is removed.</p>
        <div className="form-actions">
          <Button type="button" variant="ghost" onClick={() => setConfirming(null)} autoFocus>
            Keep it
          </Button>
          <Button variant="danger" busy={removing.loading} onClick={() => void confirmDelete()}>
            Delete webhook
          </Button>
        </div>
      </Dialog>
    </Card>
  );
}

function CreateWebhook({ onCreated }: { onCreated: (created: { secret: string }) => void }) {
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>(EVENTS.map((e) => e.event));
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [create, { loading }] = useMutation(CreateWebhookMutation, { refetchQueries: [WebhooksQuery] });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (!url.trim()) fields.url = 'Enter the URL that receives the deliveries.';
    if (events.length === 0) fields.events = 'Choose at least one event.';
    if (Object.keys(fields).length) return setErrors({ fields });
    try {
      const { data } = await create({ variables: { url: url.trim(), events } });
      if (data) {
        onCreated({ secret: data.createWebhook.secret });
        setUrl('');
        setEvents(EVENTS.map((ev) => ev.event));
      }
      setErrors({ fields: {} });
    } catch (err) {
      setErrors(formErrors(err, ['url', 'events']));
    }
  }

  return (
    <form onSubmit={submit} noValidate className="form" aria-labelledby="new-webhook-title">
      <h3 id="new-webhook-title">New webhook</h3>
      {errors.form && <ErrorBox error={errors.form} title="Webhook not added" />}
      <div className="form-grid">
        <TextField
          label="URL"
          type="url"
          inputMode="url"
          placeholder="https://example.com/maratron"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          error={errors.fields.url}
          hint="An https address on the public internet."
          fieldClassName="span-2"
          required
        />
        <CheckboxGroup
          legend="Events"
          options={EVENTS.map((ev) => ({ ...ev, value: ev.event }))}
          selected={events}
          onChange={setEvents}
          error={errors.fields.events}
        />
      </div>
      <div className="form-actions">
        <Button type="submit" busy={loading}>
          Add webhook
        </Button>
      </div>
    </form>
  );
}
