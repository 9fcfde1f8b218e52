import { useMutation } from '@apollo/client';
import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { session } from '../apollo/session';
import { RequestPasswordResetMutation, ResetPasswordMutation, SignInMutation, SignUpMutation } from '../api/operations';
import { formErrors, twoFactorRequired } from '../lib/errors';
import type { FormErrors } from '../lib/errors';
import { browserTimeZone } from '../lib/time-zones';
import { Button, TextField } from '../ui/components';
import { Icon } from '../ui/icons';

function AuthFrame({ title, children, footer }: { title: string; children: ReactNode; footer: ReactNode }) {
  return (
    <main className="auth-page">
      <div className="auth-card">
        <div className="auth-brand">
          <Icon name="logo" />
          <span>Maratron</span>
        </div>
        <h1>{title}</h1>
        {children}
        <p className="auth-footer">{footer}</p>
      </div>
      <p className="auth-tagline">Your runs, your shoes, your friends and a coach who knows your training.</p>
    </main>
  );
}

const SIGN_UP_FIELDS = ['name', 'username', 'email', 'password'] as const;

/** Checks a person can fix before the server is asked. */
function validateSignUp(v: Record<(typeof SIGN_UP_FIELDS)[number], string>): FormErrors {
  const fields: Record<string, string> = {};
  if (!v.name.trim()) fields.name = 'Tell us your name.';
  if (!/^[a-z0-9_.]{3,30}$/i.test(v.username.trim())) fields.username = 'Use 3–30 letters, digits, dots or underscores.';
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v.email)) fields.email = 'Enter a valid email address.';
  if (v.password.length < 10) fields.password = 'Use at least 10 characters.';
  return { fields };
}

export function SignUp() {
  const [values, setValues] = useState({ name: '', username: '', email: '', password: '' });
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [signUp, { loading }] = useMutation(SignUpMutation);
  const set = (k: keyof typeof values) => (e: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [k]: e.target.value }));
    setErrors((er) => ({ ...er, fields: { ...er.fields, [k]: '' } }));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local = validateSignUp(values);
    if (Object.keys(local.fields).length) return setErrors(local);
    try {
      // The browser's zone: weeks and months are counted in it from the first run (changeable in settings).
      const input = { ...values, name: values.name.trim(), username: values.username.trim(), timeZone: browserTimeZone() };
      const { data } = await signUp({ variables: { input } });
      if (data) session.set(data.signUp.token);
    } catch (err) {
      setErrors(formErrors(err, SIGN_UP_FIELDS));
    }
  }

  return (
    <AuthFrame
      title="Create your account"
      footer={
        <>
          Already have an account? <Link to="/signin">Sign in</Link>
        </>
      }
    >
      <form onSubmit={submit} noValidate className="form">
        {errors.form && (
          <p className="alert alert-error" role="alert">
            {errors.form}
          </p>
        )}
        <TextField label="Name" autoComplete="name" value={values.name} onChange={set('name')} error={errors.fields.name} required />
        <TextField
          label="Username"
          autoComplete="username"
          value={values.username}
          onChange={set('username')}
          error={errors.fields.username}
          hint="Your profile address: letters, digits, dots, underscores."
          required
        />
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          value={values.email}
          onChange={set('email')}
          error={errors.fields.email}
          required
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          value={values.password}
          onChange={set('password')}
          error={errors.fields.password}
          hint="At least 10 characters."
          required
        />
        <Button type="submit" busy={loading} className="btn-block">
          Create account
        </Button>
      </form>
    </AuthFrame>
  );
}

export function SignIn() {
  const [values, setValues] = useState({ email: '', password: '' });
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  // Set once the server asked for the second step: the password was right, a code is needed.
  const [step, setStep] = useState<'password' | 'code'>('password');
  const [code, setCode] = useState('');
  const [signIn, { loading }] = useMutation(SignInMutation);
  const set = (k: keyof typeof values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));

  async function attempt(withCode?: string) {
    try {
      const { data } = await signIn({ variables: { email: values.email.trim(), password: values.password, code: withCode ?? null } });
      if (data) session.set(data.signIn.token);
    } catch (err) {
      if (twoFactorRequired(err)) {
        if (withCode == null) {
          setErrors({ fields: {} });
          setStep('code');
        } else {
          setErrors({ fields: { code: 'That code did not work. Check the time on your phone, or use a recovery code.' } });
        }
        return;
      }
      setErrors(formErrors(err, ['email', 'password', 'code']));
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (!values.email.trim()) fields.email = 'Enter your email.';
    if (!values.password) fields.password = 'Enter your password.';
    if (Object.keys(fields).length) return setErrors({ fields });
    await attempt();
  }

  async function submitCode(e: FormEvent) {
    e.preventDefault();
    const trimmed = code.replace(/\s+/g, '');
    if (!trimmed) return setErrors({ fields: { code: 'Enter the code from your authenticator app.' } });
    await attempt(trimmed);
  }

  if (step === 'code') {
    return (
      <AuthFrame
        title="Two-step sign-in"
        footer={
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setStep('password');
              setCode('');
              setErrors({ fields: {} });
            }}
          >
            Sign in with another account
          </button>
        }
      >
        <form onSubmit={submitCode} noValidate className="form">
          {errors.form && (
            <p className="alert alert-error" role="alert">
              {errors.form}
            </p>
          )}
          <p className="muted">Open your authenticator app and enter the 6-digit code it shows for Maratron.</p>
          <TextField
            label="Code"
            autoComplete="one-time-code"
            autoCapitalize="off"
            spellCheck={false}
            value={code}
            onChange={(e) => {
              setCode(e.target.value);
              setErrors({ fields: {} });
            }}
            error={errors.fields.code}
            hint="No phone at hand? Enter one of your recovery codes instead; each works once."
            autoFocus
            required
          />
          <Button type="submit" busy={loading} className="btn-block">
            Verify and sign in
          </Button>
        </form>
      </AuthFrame>
    );
  }

  return (
    <AuthFrame
      title="Welcome back"
      footer={
        <>
          New to Maratron? <Link to="/signup">Create an account</Link>
        </>
      }
    >
      <form onSubmit={submit} noValidate className="form">
        {errors.form && (
          <p className="alert alert-error" role="alert">
            {errors.form}
          </p>
        )}
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          value={values.email}
          onChange={set('email')}
          error={errors.fields.email}
          required
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          value={values.password}
          onChange={set('password')}
          error={errors.fields.password}
          required
        />
        <p className="forgot">
          <Link to="/forgot-password">Forgot password?</Link>
        </p>
        <Button type="submit" busy={loading} className="btn-block">
          Sign in
        </Button>
      </form>
    </AuthFrame>
  );
}

/** Asks for a reset link. The answer never tells whether an account exists for the address. */
export function ForgotPassword() {
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [request, { loading }] = useMutation(RequestPasswordResetMutation);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const address = email.trim();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address)) return setErrors({ fields: { email: 'Enter a valid email address.' } });
    try {
      await request({ variables: { email: address } });
      setErrors({ fields: {} });
      setSentTo(address);
    } catch (err) {
      setErrors(formErrors(err, ['email']));
    }
  }

  return (
    <AuthFrame
      title="Reset your password"
      footer={
        <>
          Remembered it? <Link to="/signin">Sign in</Link>
        </>
      }
    >
      {sentTo ? (
        <div className="form">
          <p className="alert alert-info" role="status">
            If an account exists for {sentTo}, we sent a link to reset its password. The link works once, within an hour.
          </p>
          <p className="muted">Nothing arrived? Check your spam folder, or ask again in a few minutes.</p>
          <Button variant="secondary" onClick={() => setSentTo(null)}>
            Use another address
          </Button>
        </div>
      ) : (
        <form onSubmit={submit} noValidate className="form">
          {errors.form && (
            <p className="alert alert-error" role="alert">
              {errors.form}
            </p>
          )}
          <p className="muted">Enter the email address of your account and we will send you a link to choose a new password.</p>
          <TextField
            label="Email"
            type="email"
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={errors.fields.email}
            autoFocus
            required
          />
          <Button type="submit" busy={loading} className="btn-block">
            Send reset link
          </Button>
        </form>
      )}
    </AuthFrame>
  );
}

/** /reset-password?token=…: a new password, then signed in (every other session has ended). */
export function ResetPassword() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const [values, setValues] = useState({ newPassword: '', confirm: '' });
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [reset, { loading }] = useMutation(ResetPasswordMutation);
  // With two-step sign-in on, a link (proof of the mailbox only) sets the password but does not sign in.
  const [needsCode, setNeedsCode] = useState(false);
  const set = (k: keyof typeof values) => (e: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [k]: e.target.value }));
    setErrors((er) => ({ ...er, fields: { ...er.fields, [k]: '' } }));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (values.newPassword.length < 10) fields.newPassword = 'Use at least 10 characters.';
    else if (values.confirm !== values.newPassword) fields.confirm = 'The two passwords differ.';
    if (Object.keys(fields).length) return setErrors({ fields });
    try {
      const { data } = await reset({ variables: { token, newPassword: values.newPassword } });
      if (data) {
        void navigate('/', { replace: true });
        session.set(data.resetPassword.token);
      }
    } catch (err) {
      if (twoFactorRequired(err)) {
        session.set(null);
        setNeedsCode(true);
        return;
      }
      setErrors(formErrors(err, ['newPassword']));
    }
  }

  return (
    <AuthFrame
      title="Choose a new password"
      footer={
        <>
          Link expired? <Link to="/forgot-password">Ask for a new one</Link>
        </>
      }
    >
      {needsCode ? (
        <div className="form">
          <p className="alert alert-info" role="status">
            Your new password is set, and you are signed out everywhere. Two-step sign-in is on, so sign in with the new password and a code
            from your authenticator app.
          </p>
          <Link to="/signin" className="btn btn-primary btn-md btn-block">
            Sign in
          </Link>
        </div>
      ) : !token ? (
        <p className="alert alert-error" role="alert">
          This reset link is incomplete. Open the link from the email again, or ask for a new one.
        </p>
      ) : (
        <form onSubmit={submit} noValidate className="form">
          {errors.form && (
            <p className="alert alert-error" role="alert">
              {errors.form}
            </p>
          )}
          <TextField
            label="New password"
            type="password"
            autoComplete="new-password"
            value={values.newPassword}
            onChange={set('newPassword')}
            error={errors.fields.newPassword}
            hint="At least 10 characters. You will be signed out everywhere else."
            autoFocus
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
          <Button type="submit" busy={loading} className="btn-block">
            Set password and sign in
          </Button>
        </form>
      )}
    </AuthFrame>
  );
}
