import { useMutation, useQuery } from '@apollo/client';
import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { invalidateRunAggregates, prependToConnection } from '../apollo/cache';
import { CreateRunMutation, RunDetailQuery, ShoesQuery, UpdateRunMutation } from '../api/operations';
import type { RunDetailQuery as RunDetail, RunEnvironment, Visibility } from '../gql/graphql';
import { formErrors } from '../lib/errors';
import type { FormErrors } from '../lib/errors';
import { defaultChoiceLabel, NO_SHOE, shoeIdFor } from '../lib/shoe-choice';
import {
  distanceUnit,
  elevationUnit,
  ENVIRONMENT_LABELS,
  formatDuration,
  formatPace,
  fromDisplayDistance,
  parseDuration,
  toDisplayDistance,
  toDisplayElevation,
  toLocalInputValue,
  VISIBILITY_LABELS,
} from '../lib/format';
import type { Units } from '../lib/format';
import { Button, Card, Checkbox, ErrorBox, Loading, PageHeader, SelectField, TextArea, TextField } from '../ui/components';
import { useViewer } from '../viewer';

const FIELDS = [
  'startedAt',
  'distance',
  'duration',
  'name',
  'elevationGain',
  'averageHeartRate',
  'environment',
  'visibility',
  'notes',
  'shoeId',
  'hideTrack',
] as const;
type Field = (typeof FIELDS)[number];

interface Values {
  name: string;
  startedAt: string;
  distance: string;
  duration: string;
  elevationGain: string;
  averageHeartRate: string;
  environment: RunEnvironment;
  visibility: Visibility;
  shoeId: string;
  notes: string;
  hideTrack: boolean;
  share: boolean;
}

const number = (s: string) => (s.trim() === '' ? null : Number(s.replace(',', '.')));

/** The same limits the server enforces (schema/src/rules/run.rules.ts), checked as you type. */
function validate(v: Values, units: Units): Partial<Record<Field, string>> {
  const e: Partial<Record<Field, string>> = {};
  const started = new Date(v.startedAt);
  if (!v.startedAt || Number.isNaN(started.getTime())) e.startedAt = 'Pick the date and time you started.';
  else if (started.getTime() > Date.now() + 24 * 3600 * 1000) e.startedAt = 'That is in the future.';
  const d = number(v.distance);
  if (d == null || !Number.isFinite(d) || d <= 0) e.distance = `Enter a distance in ${distanceUnit(units)}, greater than 0.`;
  else if (fromDisplayDistance(d, units) > 1_000_000) e.distance = 'That is more than 1,000 km.';
  const t = parseDuration(v.duration);
  if (t == null || t <= 0) e.duration = 'Enter the time as h:mm:ss or mm:ss (or minutes).';
  if (!e.distance && !e.duration && d != null && t != null) {
    const pace = t / (fromDisplayDistance(d, units) / 1000);
    if (pace < 90) e.duration = 'Faster than 1:30 per km: check the distance and time.';
    if (pace > 3600) e.duration = 'Slower than 60:00 per km: check the distance and time.';
  }
  const hr = number(v.averageHeartRate);
  if (hr != null && (!Number.isInteger(hr) || hr < 25 || hr > 250)) e.averageHeartRate = 'Heart rate is a whole number between 25 and 250.';
  const elev = number(v.elevationGain);
  if (elev != null && (!Number.isFinite(elev) || elev < 0)) e.elevationGain = 'Elevation gain is 0 or more.';
  if (v.name.length > 120) e.name = 'At most 120 characters.';
  if (v.notes.length > 5000) e.notes = 'At most 5,000 characters.';
  return e;
}

/** A new run starts from the runner's default visibility (Settings → Privacy); an edited one from its own. */
function initialValues(run: RunDetail['run'] | undefined, units: Units, defaultVisibility: Visibility): Values {
  if (!run) {
    return {
      name: '',
      startedAt: toLocalInputValue(new Date()),
      distance: '',
      duration: '',
      elevationGain: '',
      averageHeartRate: '',
      environment: 'OUTDOOR',
      visibility: defaultVisibility,
      shoeId: '',
      notes: '',
      hideTrack: false,
      share: false,
    };
  }
  return {
    name: run.name ?? '',
    startedAt: toLocalInputValue(new Date(run.startedAt)),
    distance: String(Number(toDisplayDistance(run.distance, units).toFixed(2))),
    duration: formatDuration(run.duration),
    elevationGain: run.elevationGain == null ? '' : String(Math.round(toDisplayElevation(run.elevationGain, units))),
    averageHeartRate: run.averageHeartRate == null ? '' : String(run.averageHeartRate),
    environment: run.environment,
    visibility: run.visibility,
    shoeId: run.shoe?.id ?? '',
    notes: run.notes ?? '',
    hideTrack: run.hideTrack,
    share: false,
  };
}

/** Log a run (/runs/new) or edit one (/runs/:id/edit). */
export default function RunFormPage() {
  const { id } = useParams();
  // The same query (and cache entry) as the run page, which asks for splits in the runner's units.
  const { units } = useViewer();
  const { data, loading, error, refetch } = useQuery(RunDetailQuery, { variables: { id: id!, units }, skip: !id });
  if (id && error) return <ErrorBox error={error} retry={() => void refetch()} />;
  if (id && (loading || !data)) return <Loading />;
  if (id && !data?.run) return <ErrorBox title="Run not found" error="This run does not exist or is not yours." />;
  return <RunForm key={id ?? 'new'} run={data?.run ?? undefined} />;
}

function RunForm({ run }: { run?: RunDetail['run'] }) {
  const me = useViewer();
  const units = me.units;
  const navigate = useNavigate();
  const [values, setValues] = useState<Values>(() => initialValues(run ?? undefined, units, me.defaultVisibility ?? 'FOLLOWERS'));
  const [touched, setTouched] = useState<Partial<Record<Field, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<FormErrors>({ fields: {} });
  const shoes = useQuery(ShoesQuery, { variables: { includeRetired: false } });

  const [createRun, created] = useMutation(CreateRunMutation, {
    update(cache, { data }) {
      if (!data) return;
      prependToConnection(cache, { field: 'runs', edgeTypename: 'RunEdge', node: data.createRun });
      prependToConnection(cache, {
        id: cache.identify({ __typename: 'User', id: me.id }),
        field: 'runs',
        edgeTypename: 'RunEdge',
        node: data.createRun,
      });
      invalidateRunAggregates(cache, me.id);
      // A shared run is a new post: the feed asks again next time (or gets it live).
      if (values.share) cache.evict({ id: 'ROOT_QUERY', fieldName: 'feed' });
    },
  });
  const [updateRun, updated] = useMutation(UpdateRunMutation, {
    update(cache) {
      invalidateRunAggregates(cache, me.id);
    },
  });

  const local = useMemo(() => validate(values, units), [values, units]);
  const errorFor = (f: Field) => server.fields[f] || ((touched[f] || submitted) && local[f]) || undefined;
  const set = <K extends keyof Values>(k: K, v: Values[K]) => {
    setValues((old) => ({ ...old, [k]: v }));
    if (k in server.fields) setServer((s) => ({ ...s, fields: { ...s.fields, [k]: '' } }));
  };
  const blur = (f: Field) => () => setTouched((t) => ({ ...t, [f]: true }));

  const distance = number(values.distance);
  const duration = parseDuration(values.duration);
  const pacePreview =
    distance && duration && !local.distance && !local.duration
      ? formatPace(duration / (fromDisplayDistance(distance, units) / 1000), units)
      : null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    if (Object.keys(local).length) {
      document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const elevation = number(values.elevationGain);
    const common = {
      name: values.name.trim() || null,
      startedAt: new Date(values.startedAt).toISOString(),
      distance: fromDisplayDistance(distance!, units),
      duration: duration!,
      elevationGain: elevation == null ? null : units === 'IMPERIAL' ? elevation / 3.280839895 : elevation,
      averageHeartRate: number(values.averageHeartRate),
      environment: values.environment,
      visibility: values.visibility,
      hideTrack: values.hideTrack,
      notes: values.notes.trim() || null,
      shoeId: shoeIdFor(values.shoeId, { editing: Boolean(run) }),
    };
    try {
      if (run) {
        await updateRun({ variables: { id: run.id, input: common } });
        void navigate(`/runs/${run.id}`);
      } else {
        // `share` only when asked for, so the input stays valid on servers without posts.
        const { data } = await createRun({ variables: { input: { ...common, ...(values.share ? { share: true } : {}) } } });
        if (data) void navigate(`/runs/${data.createRun.id}`);
      }
    } catch (err) {
      setServer(formErrors(err, FIELDS));
    }
  }

  const activeShoes = shoes.data?.shoes ?? [];
  const defaultShoe = activeShoes.find((s) => s.isDefault);

  return (
    <>
      <PageHeader title={run ? 'Edit run' : 'Log a run'} subtitle={run ? run.name || 'Run' : 'Distance and time are all it takes.'} />
      <Card>
        <form onSubmit={submit} noValidate className="form">
          {server.form && <ErrorBox error={server.form} title="The run was not saved" />}
          <div className="form-grid">
            <TextField
              label="Name"
              placeholder="Morning run"
              value={values.name}
              onChange={(e) => set('name', e.target.value)}
              onBlur={blur('name')}
              error={errorFor('name')}
              maxLength={120}
              fieldClassName="span-2"
            />
            <TextField
              label="Started at"
              type="datetime-local"
              value={values.startedAt}
              onChange={(e) => set('startedAt', e.target.value)}
              onBlur={blur('startedAt')}
              error={errorFor('startedAt')}
              required
            />
            <TextField
              label={`Distance (${distanceUnit(units)})`}
              inputMode="decimal"
              placeholder={units === 'IMPERIAL' ? '6.2' : '10'}
              value={values.distance}
              onChange={(e) => set('distance', e.target.value)}
              onBlur={blur('distance')}
              error={errorFor('distance')}
              required
            />
            <TextField
              label="Time"
              placeholder="49:30"
              hint={pacePreview ? `Pace ${pacePreview}` : 'h:mm:ss, mm:ss or minutes'}
              value={values.duration}
              onChange={(e) => set('duration', e.target.value)}
              onBlur={blur('duration')}
              error={errorFor('duration')}
              required
            />
            <TextField
              label={`Elevation gain (${elevationUnit(units)})`}
              inputMode="numeric"
              value={values.elevationGain}
              onChange={(e) => set('elevationGain', e.target.value)}
              onBlur={blur('elevationGain')}
              error={errorFor('elevationGain')}
            />
            <TextField
              label="Average heart rate (bpm)"
              inputMode="numeric"
              value={values.averageHeartRate}
              onChange={(e) => set('averageHeartRate', e.target.value)}
              onBlur={blur('averageHeartRate')}
              error={errorFor('averageHeartRate')}
            />
            <SelectField
              label="Where"
              value={values.environment}
              onChange={(e) => set('environment', e.target.value as RunEnvironment)}
              error={errorFor('environment')}
            >
              {Object.entries(ENVIRONMENT_LABELS).map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </SelectField>
            <SelectField
              label="Who can see it"
              value={values.visibility}
              onChange={(e) => set('visibility', e.target.value as Visibility)}
              error={errorFor('visibility')}
            >
              {Object.entries(VISIBILITY_LABELS).map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </SelectField>
            <SelectField
              label="Shoe"
              value={values.shoeId}
              onChange={(e) => set('shoeId', e.target.value)}
              error={errorFor('shoeId')}
              hint={shoes.error ? 'Shoes could not be loaded.' : undefined}
            >
              <option value="">{run ? 'No shoe' : defaultChoiceLabel(shoes.data?.shoes)}</option>
              {!run && defaultShoe && <option value={NO_SHOE}>No shoe</option>}
              {activeShoes.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                  {s.brand ? ` · ${s.brand}` : ''}
                </option>
              ))}
            </SelectField>
            <TextArea
              label="Notes"
              rows={3}
              value={values.notes}
              onChange={(e) => set('notes', e.target.value)}
              onBlur={blur('notes')}
              error={errorFor('notes')}
              fieldClassName="span-2"
            />
            <div className="span-2 checks">
              <Checkbox
                label="Hide map"
                aria-describedby="hide-track-hint"
                checked={values.hideTrack}
                onChange={(e) => set('hideTrack', e.target.checked)}
              />
              <p className="field-hint" id="hide-track-hint">
                Nobody but you sees this run's route or can download its GPX. Distance, time and splits still show.
              </p>
              {!run && (
                <Checkbox
                  label="Share it with my followers in the feed"
                  checked={values.share}
                  onChange={(e) => set('share', e.target.checked)}
                />
              )}
            </div>
          </div>
          <div className="form-actions">
            <Link to={run ? `/runs/${run.id}` : '/runs'} className="btn btn-ghost btn-md">
              Cancel
            </Link>
            <Button type="submit" busy={created.loading || updated.loading}>
              {run ? 'Save changes' : 'Save run'}
            </Button>
          </div>
        </form>
      </Card>
    </>
  );
}
