import { useApolloClient, useMutation, useQuery } from '@apollo/client';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { dropFromList } from '../../apollo/cache';
import { session } from '../../apollo/session';
import { useSignOut } from '../../apollo/signout';
import {
  ChangePasswordMutation,
  ConfirmTwoFactorMutation,
  DisableTwoFactorMutation,
  EnableTwoFactorMutation,
  RevokeSessionMutation,
  SessionsQuery,
} from '../../api/operations';
import { errorMessage, formErrors } from '../../lib/errors';
import type { FormErrors } from '../../lib/errors';
import { formatDateTime, formatRelative } from '../../lib/format';
import { Button, Card, ErrorBox, Loading, TextField } from '../../ui/components';
import { Icon } from '../../ui/icons';
import { QrCode } from '../../ui/QrCode';
import { useViewer } from '../../viewer';
import { SettingsHeader } from './SettingsNav';

export default function SecuritySettings() {
  return (
    <>
      <SettingsHeader title="Sign-in and security" subtitle="Where you are signed in, your password and two-step sign-in." />
      <Sessions />
      <ChangePassword />
      <TwoFactor />
    </>
  );
}

function Sessions() {
  const { data, loading, error, refetch } = useQuery(SessionsQuery, { fetchPolicy: 'cache-and-network' });
  const [revoke, revoking] = useMutation(RevokeSessionMutation);
  const [actionError, setActionError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const signOut = useSignOut();

  async function end(id: string, device: string) {
    setActionError(null);
    setDone(null);
    try {
      await revoke({
        variables: { id },
        update: (cache) => dropFromList(cache, 'sessions', id),
      });
      setDone(`${device} is signed out.`);
    } catch (err) {
      setActionError(errorMessage(err));
    }
  }

  const sessions = data?.sessions ?? [];
  return (
    <Card title="Where you are signed in" titleId="sessions-title">
      <p className="muted">Sign out a device you no longer use or do not recognise: it has to sign in again with your password.</p>
      {error && <ErrorBox error={error} retry={() => void refetch()} />}
      {actionError && <ErrorBox error={actionError} title="Not signed out" />}
      {done && (
        <p className="saved" role="status">
          <Icon name="check" /> {done}
        </p>
      )}
      {loading && !data ? (
        <Loading label="Loading your sessions…" />
      ) : (
        <ul className="setting-list" aria-label="Your sessions">
          {sessions.map((s) => (
            <li key={s.id} data-testid="session">
              <span className="setting-item-main">
                <strong>
                  {s.device}
                  {s.current && <span className="pill pill-done session-current">This device</span>}
                </strong>
                <span className="muted small">
                  Signed in {formatDateTime(s.createdAt)}
                  {s.lastUsedAt ? ` · last used ${formatRelative(s.lastUsedAt)}` : ''}
                </span>
              </span>
              {s.current ? (
                <Button size="sm" variant="secondary" onClick={() => void signOut()}>
                  Sign out
                </Button>
              ) : (
                <Button
                  size="sm"
                  variant="secondary"
                  busy={revoking.loading}
                  onClick={() => void end(s.id, s.device)}
                  aria-label={`Sign out ${s.device}, signed in ${formatDateTime(s.createdAt)}`}
                >
                  Sign out
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function ChangePassword() {
  const client = useApolloClient();
  const me = useViewer();
  const [values, setValues] = useState({ currentPassword: '', newPassword: '', confirm: '' });
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [saved, setSaved] = useState(false);
  const [change, { loading }] = useMutation(ChangePasswordMutation);
  const set = (k: keyof typeof values) => (e: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [k]: e.target.value }));
    setSaved(false);
    setErrors((er) => ({ ...er, fields: { ...er.fields, [k]: '' } }));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (!values.currentPassword) fields.currentPassword = 'Enter your current password.';
    if (values.newPassword.length < 10) fields.newPassword = 'Use at least 10 characters.';
    else if (values.confirm !== values.newPassword) fields.confirm = 'The two passwords differ.';
    if (Object.keys(fields).length) return setErrors({ fields });
    try {
      const { data } = await change({ variables: { currentPassword: values.currentPassword, newPassword: values.newPassword } });
      if (data) {
        // This device stays signed in; the server ended every other session.
        session.rotate(data.changePassword.token);
        void client.refetchQueries({ include: [SessionsQuery] });
      }
      setValues({ currentPassword: '', newPassword: '', confirm: '' });
      setErrors({ fields: {} });
      setSaved(true);
    } catch (err) {
      setErrors(formErrors(err, ['currentPassword', 'newPassword']));
    }
  }

  return (
    <Card title="Password" titleId="password-title">
      <form onSubmit={submit} noValidate className="form">
        {errors.form && <ErrorBox error={errors.form} title="Password not changed" />}
        {/* For password managers: the account the new password belongs to. */}
        <input type="email" autoComplete="username" value={me.email ?? ''} readOnly hidden />
        <div className="form-grid">
          <TextField
            label="Current password"
            type="password"
            autoComplete="current-password"
            value={values.currentPassword}
            onChange={set('currentPassword')}
            error={errors.fields.currentPassword}
            fieldClassName="span-2"
            required
          />
          <TextField
            label="New password"
            type="password"
            autoComplete="new-password"
            value={values.newPassword}
            onChange={set('newPassword')}
            error={errors.fields.newPassword}
            hint="At least 10 characters."
            required
          />
          <TextField
            label="Repeat the new password"
            type="password"
            autoComplete="new-password"
            value={values.confirm}
            onChange={set('confirm')}
            error={errors.fields.confirm}
            required
          />
        </div>
        <div className="form-actions">
          {saved && (
            <span className="saved" role="status">
              <Icon name="check" /> Password changed; your other devices are signed out
            </span>
          )}
          <Button type="submit" busy={loading}>
            Change password
          </Button>
        </div>
      </form>
    </Card>
  );
}

/** Marks two-step sign-in on or off on the cached viewer, so every screen agrees at once. */
function useSetTwoFactor() {
  const client = useApolloClient();
  const me = useViewer();
  return (on: boolean) =>
    client.cache.modify({ id: client.cache.identify({ __typename: 'User', id: me.id }), fields: { twoFactorEnabled: () => on } });
}

function TwoFactor() {
  const me = useViewer();
  // Recovery codes are shown once, right after turning it on; kept here until dismissed.
  const [codes, setCodes] = useState<string[] | null>(null);
  return (
    <Card
      title={
        <>
          Two-step sign-in
          <span className={`pill ${me.twoFactorEnabled ? 'pill-done' : ''}`}>{me.twoFactorEnabled ? 'On' : 'Off'}</span>
        </>
      }
      titleId="two-factor-title"
    >
      {codes ? (
        <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />
      ) : me.twoFactorEnabled ? (
        <DisableTwoFactor />
      ) : (
        <EnableTwoFactor onEnabled={setCodes} />
      )}
    </Card>
  );
}

function EnableTwoFactor({ onEnabled }: { onEnabled: (codes: string[]) => void }) {
  const [enable, enabling] = useMutation(EnableTwoFactorMutation);
  const [confirm, confirming] = useMutation(ConfirmTwoFactorMutation);
  const [setup, setSetup] = useState<{ otpauthUri: string; secret: string } | null>(null);
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const setTwoFactor = useSetTwoFactor();

  async function start() {
    setErrors({ fields: {} });
    try {
      const { data } = await enable();
      if (data) setSetup(data.enableTwoFactor);
    } catch (err) {
      setErrors({ fields: {}, form: errorMessage(err) });
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const trimmed = code.replace(/\s+/g, '');
    if (!/^\d{6}$/.test(trimmed)) return setErrors({ fields: { code: 'Enter the 6-digit code your app shows.' } });
    try {
      const { data } = await confirm({ variables: { code: trimmed } });
      if (data) {
        setTwoFactor(true);
        onEnabled(data.confirmTwoFactor);
      }
    } catch (err) {
      setErrors(formErrors(err, ['code']));
    }
  }

  if (!setup) {
    return (
      <>
        <p className="muted">
          Besides your password, signing in asks for a code from an authenticator app on your phone (such as Aegis, FreeOTP, Google
          Authenticator or 1Password). Someone who learns your password still cannot get in.
        </p>
        {errors.form && <ErrorBox error={errors.form} />}
        <div className="form-actions">
          <Button busy={enabling.loading} onClick={() => void start()}>
            Set up two-step sign-in
          </Button>
        </div>
      </>
    );
  }
  return (
    <form onSubmit={submit} noValidate className="form">
      {errors.form && <ErrorBox error={errors.form} title="Not turned on" />}
      <div className="two-factor-setup">
        <QrCode text={setup.otpauthUri} label="QR code to scan with your authenticator app" />
        <div>
          <p>
            <strong>1.</strong> Scan this code with your authenticator app.
          </p>
          <p className="muted small">Cannot scan? Add an account by hand with this key (time-based):</p>
          <code className="secret" data-testid="two-factor-secret">
            {setup.secret}
          </code>
          <p>
            <strong>2.</strong> Enter the code the app now shows for Maratron.
          </p>
          <TextField
            label="6-digit code"
            inputMode="numeric"
            autoComplete="one-time-code"
            value={code}
            onChange={(e) => {
              setCode(e.target.value);
              setErrors({ fields: {} });
            }}
            error={errors.fields.code}
            maxLength={8}
            required
          />
        </div>
      </div>
      <div className="form-actions">
        <Button type="button" variant="ghost" onClick={() => setSetup(null)}>
          Cancel
        </Button>
        <Button type="submit" busy={confirming.loading}>
          Turn on
        </Button>
      </div>
    </form>
  );
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const text = `Maratron recovery codes (each works once)\n\n${codes.join('\n')}\n`;
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  function download() {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'maratron-recovery-codes.txt';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
  return (
    <div className="form">
      <p className="saved" role="status">
        <Icon name="check" /> Two-step sign-in is on.
      </p>
      <p>
        Keep these recovery codes somewhere safe. If you lose your phone, sign in with one of them instead of a code; each works once.{' '}
        <strong>They are shown only now.</strong>
      </p>
      <ul className="recovery-codes" aria-label="Recovery codes" data-testid="recovery-codes">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <div className="form-actions">
        <Button variant="secondary" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy'}
        </Button>
        <Button variant="secondary" onClick={download}>
          <Icon name="download" /> Download
        </Button>
        <Button onClick={onDone}>I have saved them</Button>
      </div>
    </div>
  );
}

function DisableTwoFactor() {
  const [values, setValues] = useState({ password: '', code: '' });
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [disable, { loading }] = useMutation(DisableTwoFactorMutation);
  const setTwoFactor = useSetTwoFactor();
  const set = (k: keyof typeof values) => (e: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [k]: e.target.value }));
    setErrors((er) => ({ ...er, fields: { ...er.fields, [k]: '' } }));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (!values.password) fields.password = 'Enter your password.';
    if (!values.code.trim()) fields.code = 'Enter a code from your app, or a recovery code.';
    if (Object.keys(fields).length) return setErrors({ fields });
    try {
      const { data } = await disable({ variables: { password: values.password, code: values.code.replace(/\s+/g, '') } });
      if (data?.disableTwoFactor) setTwoFactor(false);
    } catch (err) {
      setErrors(formErrors(err, ['password', 'code']));
    }
  }

  return (
    <form onSubmit={submit} noValidate className="form">
      <p className="muted">
        Signing in asks for a code from your authenticator app. To turn it off, confirm with your password and a code.
      </p>
      {errors.form && <ErrorBox error={errors.form} title="Still on" />}
      <div className="form-grid">
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          value={values.password}
          onChange={set('password')}
          error={errors.fields.password}
          required
        />
        <TextField
          label="Code"
          autoComplete="one-time-code"
          value={values.code}
          onChange={set('code')}
          error={errors.fields.code}
          hint="From your app, or a recovery code."
          required
        />
      </div>
      <div className="form-actions">
        <Button type="submit" variant="danger" busy={loading}>
          Turn off two-step sign-in
        </Button>
      </div>
    </form>
  );
}
