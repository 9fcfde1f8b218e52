import { useMutation } from '@apollo/client';
import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { Link } from 'react-router';
import { session } from '../apollo/session';
import { SignInMutation, SignUpMutation } from '../api/operations';
import { formErrors } from '../lib/errors';
import type { FormErrors } from '../lib/errors';
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
      const { data } = await signUp({ variables: { input: { ...values, name: values.name.trim(), username: values.username.trim() } } });
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
  const [signIn, { loading }] = useMutation(SignInMutation);
  const set = (k: keyof typeof values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (!values.email.trim()) fields.email = 'Enter your email.';
    if (!values.password) fields.password = 'Enter your password.';
    if (Object.keys(fields).length) return setErrors({ fields });
    try {
      const { data } = await signIn({ variables: { email: values.email.trim(), password: values.password } });
      if (data) session.set(data.signIn.token);
    } catch (err) {
      setErrors(formErrors(err, ['email', 'password']));
    }
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
        <Button type="submit" busy={loading} className="btn-block">
          Sign in
        </Button>
      </form>
    </AuthFrame>
  );
}
