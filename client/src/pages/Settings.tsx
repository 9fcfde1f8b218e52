import { useMutation } from '@apollo/client';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { session } from '../apollo/session';
import { DeleteAccountMutation, UpdateProfileMutation } from '../api/operations';
import type { TrainingLevel, Units, Weekday } from '../gql/graphql';
import { downloadWithAuth } from '../lib/download';
import { errorMessage, formErrors } from '../lib/errors';
import type { FormErrors } from '../lib/errors';
import { distanceUnit, fromDisplayDistance, toDisplayDistance } from '../lib/format';
import { Button, Card, Dialog, ErrorBox, SelectField, TextArea, TextField } from '../ui/components';
import { Icon } from '../ui/icons';
import { useViewer } from '../viewer';
import { SettingsHeader } from './settings/SettingsNav';

const DAYS: Weekday[] = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
const PROFILE_FIELDS = [
  'name',
  'username',
  'bio',
  'units',
  'level',
  'goals',
  'weeklyDistanceGoal',
  'preferredDays',
  'yearsRunning',
  'injuryNotes',
] as const;

export default function Settings() {
  return (
    <>
      <SettingsHeader title="Settings" subtitle="Your profile, what the coach knows about you, and your data." />
      <ProfileForm />
      <DataSection />
    </>
  );
}

function ProfileForm() {
  const me = useViewer();
  const tp = me.trainingProfile;
  const [v, setV] = useState({
    name: me.name,
    username: me.username,
    bio: me.bio ?? '',
    units: me.units as Units,
    level: (tp?.level ?? '') as TrainingLevel | '',
    goals: (tp?.goals ?? []).join('\n'),
    weeklyDistanceGoal: tp?.weeklyDistanceGoal != null ? String(Math.round(toDisplayDistance(tp.weeklyDistanceGoal, me.units))) : '',
    preferredDays: tp?.preferredDays ?? [],
    yearsRunning: tp?.yearsRunning != null ? String(tp.yearsRunning) : '',
    injuryNotes: tp?.injuryNotes ?? '',
  });
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [saved, setSaved] = useState(false);
  const [update, { loading }] = useMutation(UpdateProfileMutation);
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => {
    setV((old) => ({ ...old, [k]: value }));
    setSaved(false);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (!v.name.trim()) fields.name = 'Your name cannot be empty.';
    if (!/^[a-z0-9_.]{3,30}$/i.test(v.username.trim())) fields.username = 'Use 3–30 letters, digits, dots or underscores.';
    const weekly = v.weeklyDistanceGoal.trim() ? Number(v.weeklyDistanceGoal) : null;
    if (weekly != null && (!Number.isFinite(weekly) || weekly < 0)) fields.weeklyDistanceGoal = 'A distance of 0 or more.';
    const years = v.yearsRunning.trim() ? Number(v.yearsRunning) : null;
    if (years != null && (!Number.isInteger(years) || years < 0 || years > 100)) fields.yearsRunning = 'Whole years, 0 to 100.';
    if (Object.keys(fields).length) return setErrors({ fields });
    try {
      await update({
        variables: {
          input: {
            name: v.name.trim(),
            username: v.username.trim(),
            bio: v.bio.trim() || null,
            units: v.units,
            trainingProfile: {
              level: v.level || null,
              goals: v.goals
                .split('\n')
                .map((g) => g.trim())
                .filter(Boolean),
              // The unit the form showed when it was filled in: the one being saved.
              weeklyDistanceGoal: weekly == null ? null : fromDisplayDistance(weekly, me.units),
              preferredDays: v.preferredDays,
              yearsRunning: years,
              injuryNotes: v.injuryNotes.trim() || null,
            },
          },
        },
      });
      setErrors({ fields: {} });
      setSaved(true);
    } catch (err) {
      setErrors(formErrors(err, PROFILE_FIELDS));
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Card title="Profile" titleId="profile-title">
        {errors.form && <ErrorBox error={errors.form} title="Not saved" />}
        <div className="form-grid">
          <TextField
            label="Name"
            value={v.name}
            onChange={(e) => set('name', e.target.value)}
            error={errors.fields.name}
            autoComplete="name"
          />
          <TextField
            label="Username"
            value={v.username}
            onChange={(e) => set('username', e.target.value)}
            error={errors.fields.username}
            autoComplete="username"
          />
          <TextArea
            label="Bio"
            rows={2}
            value={v.bio}
            onChange={(e) => set('bio', e.target.value)}
            error={errors.fields.bio}
            maxLength={500}
            fieldClassName="span-2"
          />
          <fieldset className="field span-2">
            <legend>Units</legend>
            <div className="radio-row">
              {(
                [
                  ['METRIC', 'Kilometres (km, m)'],
                  ['IMPERIAL', 'Miles (mi, ft)'],
                ] as const
              ).map(([value, label]) => (
                <label key={value} className="radio">
                  <input type="radio" name="units" value={value} checked={v.units === value} onChange={() => set('units', value)} />
                  <span>{label}</span>
                </label>
              ))}
            </div>
          </fieldset>
        </div>
      </Card>
      <Card title="Training profile" titleId="training-title">
        <p className="muted">What the coach and the plan generator know about you beyond your runs. Only you can see it.</p>
        <div className="form-grid">
          <SelectField
            label="Level"
            value={v.level}
            onChange={(e) => set('level', e.target.value as TrainingLevel | '')}
            error={errors.fields.level}
          >
            <option value="">Not set</option>
            <option value="BEGINNER">Beginner</option>
            <option value="INTERMEDIATE">Intermediate</option>
            <option value="ADVANCED">Advanced</option>
          </SelectField>
          <TextField
            label="Years running"
            inputMode="numeric"
            value={v.yearsRunning}
            onChange={(e) => set('yearsRunning', e.target.value)}
            error={errors.fields.yearsRunning}
          />
          <TextField
            label={`Weekly distance goal (${distanceUnit(me.units)})`}
            inputMode="decimal"
            value={v.weeklyDistanceGoal}
            onChange={(e) => set('weeklyDistanceGoal', e.target.value)}
            error={errors.fields.weeklyDistanceGoal}
          />
          <fieldset className="field">
            <legend>Preferred running days</legend>
            <div className="day-picker">
              {DAYS.map((d) => (
                <label key={d} className="day-toggle">
                  <input
                    type="checkbox"
                    checked={v.preferredDays.includes(d)}
                    onChange={(e) =>
                      set('preferredDays', e.target.checked ? [...v.preferredDays, d] : v.preferredDays.filter((x) => x !== d))
                    }
                  />
                  <span>{d.slice(0, 1) + d.slice(1).toLowerCase()}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <TextArea
            label="Goals"
            hint="One per line."
            rows={3}
            value={v.goals}
            onChange={(e) => set('goals', e.target.value)}
            error={errors.fields.goals}
          />
          <TextArea
            label="Injury notes"
            rows={3}
            value={v.injuryNotes}
            onChange={(e) => set('injuryNotes', e.target.value)}
            error={errors.fields.injuryNotes}
          />
        </div>
        <div className="form-actions">
          {saved && (
            <span className="saved" role="status">
              <Icon name="check" /> Saved
            </span>
          )}
          <Button type="submit" busy={loading}>
            Save settings
          </Button>
        </div>
      </Card>
    </form>
  );
}

function DataSection() {
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | undefined>();
  const [deleteAccount, { loading }] = useMutation(DeleteAccountMutation);

  async function exportData() {
    setError(null);
    setExporting(true);
    try {
      await downloadWithAuth('/api/export');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setExporting(false);
    }
  }

  async function confirmDelete(e: FormEvent) {
    e.preventDefault();
    if (!password) return setPasswordError('Enter your password to confirm.');
    try {
      const { data } = await deleteAccount({ variables: { password } });
      if (data?.deleteAccount) session.set(null);
    } catch (err) {
      const f = formErrors(err, ['password']);
      setPasswordError(f.fields.password ?? f.form);
    }
  }

  return (
    <Card title="Your data" titleId="data-title">
      {error && <ErrorBox error={error} />}
      <div className="data-row">
        <div>
          <h3>Download my data</h3>
          <p className="muted">
            A zip of your account: profile, runs (GPX), shoes, posts and comments. Maratron can import it again. Each run's GPX is also on
            its page.
          </p>
        </div>
        <Button variant="secondary" busy={exporting} onClick={exportData}>
          <Icon name="download" /> Download
        </Button>
      </div>
      <div className="data-row danger-zone">
        <div>
          <h3>Delete my account</h3>
          <p className="muted">
            Removes your runs, shoes, posts, comments, kudos, follows, group memberships, coach conversations and plans. This cannot be
            undone.
          </p>
        </div>
        <Button variant="danger" onClick={() => setDeleting(true)}>
          Delete account
        </Button>
      </div>
      <Dialog open={deleting} onClose={() => setDeleting(false)} title="Delete your account?">
        <form onSubmit={confirmDelete} className="form" noValidate>
          <p>Everything you have stored in Maratron is deleted for good. Download your data first if you want to keep it.</p>
          <TextField
            label="Your password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={passwordError}
            autoFocus
          />
          <div className="form-actions">
            <Button type="button" variant="ghost" onClick={() => setDeleting(false)}>
              Keep my account
            </Button>
            <Button type="submit" variant="danger" busy={loading}>
              Delete for good
            </Button>
          </div>
        </form>
      </Dialog>
    </Card>
  );
}
