import { useMutation, useQuery } from '@apollo/client';
import { shoeUsagePercent, shoeWear } from '@maratron/domain/shoe-wear';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { CreateShoeMutation, RetireShoeMutation, ShoesQuery, UpdateShoeMutation } from '../api/operations';
import type { ShoeFieldsFragment } from '../gql/graphql';
import { errorMessage, formErrors } from '../lib/errors';
import type { FormErrors } from '../lib/errors';
import { distanceUnit, formatDistance, fromDisplayDistance, plural, toDisplayDistance } from '../lib/format';
import type { Units } from '../lib/format';
import { Button, Card, Checkbox, Dialog, Empty, ErrorBox, Loading, PageHeader, ProgressBar, TextField } from '../ui/components';
import { Icon } from '../ui/icons';
import { useUnits } from '../viewer';

/** How each wear (the shoe alerts' rule) is shown. */
const WEAR_TONE = { ok: 'ok', alert: 'warn', retire: 'danger' } as const;

export default function Shoes() {
  const units = useUnits();
  const { data, loading, error, refetch } = useQuery(ShoesQuery, { variables: { includeRetired: true } });
  const [adding, setAdding] = useState(false);
  const shoes = data?.shoes ?? [];
  const active = shoes.filter((s) => !s.retired);
  const retired = shoes.filter((s) => s.retired);

  return (
    <>
      <PageHeader
        title="Shoes"
        subtitle="Mileage comes from the runs you log in them."
        actions={
          <Button onClick={() => setAdding(true)}>
            <Icon name="plus" /> Add shoe
          </Button>
        }
      />
      {error && <ErrorBox error={error} retry={() => void refetch()} />}
      {loading && !data && <Loading />}
      {data && !active.length && (
        <Card>
          <Empty title="No shoes yet">Add the pair you run in to track its mileage.</Empty>
        </Card>
      )}
      <div className="grid grid-2">
        {active.map((shoe) => (
          <ShoeCard key={shoe.id} shoe={shoe} units={units} />
        ))}
      </div>
      {retired.length > 0 && (
        <Card title="Retired" titleId="retired-title">
          <ul className="list">
            {retired.map((s) => (
              <li key={s.id} className="row-between">
                <span>
                  {s.name} {s.brand && <span className="muted">· {s.brand}</span>}
                </span>
                <span className="muted">
                  {formatDistance(s.distance, units, 0)} · {plural(s.runCount, 'run')}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Dialog open={adding} onClose={() => setAdding(false)} title="Add a shoe">
        <ShoeForm units={units} onDone={() => setAdding(false)} />
      </Dialog>
    </>
  );
}

function ShoeCard({ shoe, units }: { shoe: ShoeFieldsFragment; units: Units }) {
  const [confirm, setConfirm] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Making one shoe the default un-defaults another: the (short) list is read again.
  const [update, updating] = useMutation(UpdateShoeMutation, { refetchQueries: ['Shoes'] });
  const [retire, retiring] = useMutation(RetireShoeMutation);
  const wear = shoeWear(shoe.usage);
  const tone = WEAR_TONE[wear];
  const run = (p: Promise<unknown>) => p.catch((err) => setError(errorMessage(err)));

  return (
    <section className="card shoe-card" aria-labelledby={`shoe-${shoe.id}`}>
      <header className="card-header">
        <div>
          <h2 id={`shoe-${shoe.id}`}>{shoe.name}</h2>
          <p className="muted">{shoe.brand ?? 'No brand'}</p>
        </div>
        {shoe.isDefault && <span className="pill pill-accent">Default</span>}
      </header>
      <div className="shoe-usage">
        <span className="shoe-distance">{formatDistance(shoe.distance, units, 0)}</span>
        <span className="muted">of {formatDistance(shoe.maxDistance, units, 0)}</span>
      </div>
      <ProgressBar value={shoe.usage} label={`${shoe.name}: ${shoeUsagePercent(shoe.usage)}% used`} tone={tone} />
      <p className="muted small">
        {shoeUsagePercent(shoe.usage)}% used · {plural(shoe.runCount, 'run')}
        {wear !== 'ok' && (
          <strong className={`tone-${tone}`}> · {wear === 'retire' ? 'due for retirement' : 'time for a new pair soon'}</strong>
        )}
      </p>
      {error && <p className="error-text">{error}</p>}
      <div className="card-actions">
        {!shoe.isDefault && (
          <Button
            variant="secondary"
            size="sm"
            busy={updating.loading}
            onClick={() => run(update({ variables: { id: shoe.id, input: { isDefault: true } } }))}
          >
            Make default
          </Button>
        )}
        <Button variant="ghost" size="sm" onClick={() => setConfirm(true)}>
          Retire
        </Button>
      </div>
      <Dialog open={confirm} onClose={() => setConfirm(false)} title={`Retire ${shoe.name}?`}>
        <p>Retired shoes keep their runs but can't be picked for new ones.{shoe.isDefault ? ' New runs will have no default shoe.' : ''}</p>
        <div className="form-actions">
          <Button variant="ghost" onClick={() => setConfirm(false)}>
            Cancel
          </Button>
          <Button
            variant="danger"
            busy={retiring.loading}
            onClick={() => {
              setConfirm(false);
              void run(retire({ variables: { id: shoe.id } }));
            }}
          >
            Retire shoe
          </Button>
        </div>
      </Dialog>
    </section>
  );
}

function ShoeForm({ units, onDone }: { units: Units; onDone: () => void }) {
  const [v, setV] = useState({
    name: '',
    brand: '',
    maxDistance: String(Math.round(toDisplayDistance(800_000, units))),
    initialDistance: '0',
    isDefault: false,
  });
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [create, { loading }] = useMutation(CreateShoeMutation, { refetchQueries: ['Shoes'] });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    const max = Number(v.maxDistance);
    const initial = Number(v.initialDistance || 0);
    if (!v.name.trim()) fields.name = 'Give the shoe a name.';
    if (!Number.isFinite(max) || fromDisplayDistance(max, units) < 1000)
      fields.maxDistance = `At least ${units === 'IMPERIAL' ? '0.7 mi' : '1 km'}.`;
    if (!Number.isFinite(initial) || initial < 0) fields.initialDistance = 'Zero or more.';
    if (Object.keys(fields).length) return setErrors({ fields });
    try {
      await create({
        variables: {
          input: {
            name: v.name.trim(),
            brand: v.brand.trim() || null,
            maxDistance: fromDisplayDistance(max, units),
            initialDistance: fromDisplayDistance(initial, units),
            isDefault: v.isDefault,
          },
        },
      });
      onDone();
    } catch (err) {
      setErrors(formErrors(err, ['name', 'brand', 'maxDistance', 'initialDistance', 'isDefault']));
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
        placeholder="Novablast 4"
        required
        autoFocus
      />
      <TextField
        label="Brand"
        value={v.brand}
        onChange={(e) => setV({ ...v, brand: e.target.value })}
        error={errors.fields.brand}
        placeholder="ASICS"
      />
      <TextField
        label={`Retire at (${distanceUnit(units)})`}
        inputMode="decimal"
        value={v.maxDistance}
        onChange={(e) => setV({ ...v, maxDistance: e.target.value })}
        error={errors.fields.maxDistance}
      />
      <TextField
        label={`Already run in them (${distanceUnit(units)})`}
        inputMode="decimal"
        value={v.initialDistance}
        onChange={(e) => setV({ ...v, initialDistance: e.target.value })}
        error={errors.fields.initialDistance}
      />
      <Checkbox label="Use for new runs by default" checked={v.isDefault} onChange={(e) => setV({ ...v, isDefault: e.target.checked })} />
      <div className="form-actions">
        <Button type="button" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" busy={loading}>
          Add shoe
        </Button>
      </div>
    </form>
  );
}
