import { useMutation, useQuery } from '@apollo/client';
import { useMemo, useRef, useState } from 'react';
import type { FormEvent, MouseEvent } from 'react';
import { appendToList } from '../../apollo/cache';
import { AddPrivacyZoneMutation, PrivacyZonesQuery, RecentTracksQuery, RemovePrivacyZoneMutation } from '../../api/operations';
import type { PrivacyZoneFieldsFragment, Visibility } from '../../gql/graphql';
import { errorMessage, formErrors } from '../../lib/errors';
import type { FormErrors } from '../../lib/errors';
import { circleBounds, downsample, fitProjection } from '../../lib/geo';
import { Button, Card, Empty, ErrorBox, Loading, TextField } from '../../ui/components';
import { Icon } from '../../ui/icons';
import { useViewer } from '../../viewer';
import { ProfileChoiceCard } from './ProfileChoice';
import type { Choice } from './ProfileChoice';
import { SettingsHeader } from './SettingsNav';

export default function PrivacySettings() {
  return (
    <>
      <SettingsHeader title="Privacy" subtitle="Who sees your runs, and the places their maps never show." />
      <DefaultVisibility />
      <PrivacyZones />
    </>
  );
}

const VISIBILITY_CHOICES: Choice<Visibility>[] = [
  { value: 'PUBLIC', label: 'Everyone', detail: 'Any signed-in runner can see them.' },
  { value: 'FOLLOWERS', label: 'Followers', detail: 'Only the runners who follow you.' },
  { value: 'PRIVATE', label: 'Only me', detail: 'Nobody else, until you change it on the run.' },
];

/** The visibility new runs and imports start from; each run's own choice still wins. Saved as soon as it is picked. */
function DefaultVisibility() {
  const me = useViewer();
  return (
    <ProfileChoiceCard
      title="New runs"
      titleId="default-visibility-title"
      name="default-visibility"
      legend="Who can see my new runs and imports"
      hint="The run form and the import page start from this; you can still pick another for any run."
      choices={VISIBILITY_CHOICES}
      stored={me.defaultVisibility ?? 'FOLLOWERS'}
      input={(defaultVisibility) => ({ defaultVisibility })}
    />
  );
}

const ZONE_FIELDS = ['name', 'latitude', 'longitude', 'radius'] as const;
const RADIUS_MIN = 100;
const RADIUS_MAX = 2000;

interface ZoneDraft {
  name: string;
  latitude: string;
  longitude: string;
  radius: string;
}

const parseNumber = (s: string) => (s.trim() === '' ? NaN : Number(s.trim().replace(',', '.')));

function validateZone(v: ZoneDraft): Record<string, string> {
  const e: Record<string, string> = {};
  if (!v.name.trim()) e.name = 'Name the place, e.g. Home.';
  else if (v.name.trim().length > 60) e.name = 'At most 60 characters.';
  const lat = parseNumber(v.latitude);
  const lon = parseNumber(v.longitude);
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) e.latitude = 'Click the map, or type a latitude between -90 and 90.';
  if (!Number.isFinite(lon) || lon < -180 || lon > 180) e.longitude = 'Click the map, or type a longitude between -180 and 180.';
  const r = parseNumber(v.radius);
  if (!Number.isFinite(r) || r < RADIUS_MIN || r > RADIUS_MAX)
    e.radius = `Between ${RADIUS_MIN} and ${RADIUS_MAX.toLocaleString('en-US')} m.`;
  return e;
}

/**
 * Privacy zones: circles around places to keep private. For everyone but the runner, track
 * points inside them are removed from every run, past and future, on every path.
 */
function PrivacyZones() {
  const zones = useQuery(PrivacyZonesQuery);
  const tracks = useQuery(RecentTracksQuery, { fetchPolicy: 'cache-and-network' });
  const [draft, setDraft] = useState<ZoneDraft>({ name: '', latitude: '', longitude: '', radius: '400' });
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [submitted, setSubmitted] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);

  const [addZone, adding] = useMutation(AddPrivacyZoneMutation, {
    update(cache, { data }) {
      if (data) appendToList(cache, 'privacyZones', data.addPrivacyZone);
    },
  });
  const [removeZone, removing] = useMutation(RemovePrivacyZoneMutation);

  const local = validateZone(draft);
  const errorFor = (f: (typeof ZONE_FIELDS)[number]) => errors.fields[f] || (submitted ? local[f] : undefined);
  const set = (k: keyof ZoneDraft, value: string) => {
    setDraft((d) => ({ ...d, [k]: value }));
    setAdded(null);
    if (errors.fields[k]) setErrors((e) => ({ ...e, fields: { ...e.fields, [k]: '' } }));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    if (Object.keys(local).length) {
      document.querySelector<HTMLElement>('.zone-fields [aria-invalid="true"]')?.focus();
      return;
    }
    try {
      const name = draft.name.trim();
      await addZone({
        variables: {
          input: {
            name,
            latitude: parseNumber(draft.latitude),
            longitude: parseNumber(draft.longitude),
            radius: parseNumber(draft.radius),
          },
        },
      });
      setDraft((d) => ({ ...d, name: '', latitude: '', longitude: '' }));
      setSubmitted(false);
      setErrors({ fields: {} });
      setAdded(name);
    } catch (err) {
      setErrors(formErrors(err, ZONE_FIELDS));
    }
  }

  async function remove(zone: PrivacyZoneFieldsFragment) {
    setRemoveError(null);
    setAdded(null);
    try {
      await removeZone({
        variables: { id: zone.id },
        update(cache) {
          cache.evict({ id: cache.identify(zone) });
          cache.gc();
        },
      });
    } catch (err) {
      setRemoveError(errorMessage(err));
    }
  }

  const list = zones.data?.privacyZones ?? [];
  const lat = parseNumber(draft.latitude);
  const lon = parseNumber(draft.longitude);
  const radius = parseNumber(draft.radius);
  const pending =
    Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180
      ? { latitude: lat, longitude: lon, radius: Number.isFinite(radius) ? Math.min(RADIUS_MAX, Math.max(RADIUS_MIN, radius)) : 400 }
      : null;
  const trackList = useMemo(
    () => (tracks.data?.runs.edges ?? []).flatMap(({ node }) => (node.track && node.track.length > 1 ? [downsample(node.track, 400)] : [])),
    [tracks.data],
  );

  return (
    <Card title="Privacy zones" titleId="zones-title">
      <p className="muted">
        Add a circle around places you want to keep to yourself, like home or work. Everyone else sees your runs' maps without the points
        inside it, on every run, past and future. Distances, times and splits stay those of the whole run.
      </p>
      {zones.error && <ErrorBox error={zones.error} retry={() => void zones.refetch()} />}
      {removeError && <ErrorBox error={removeError} title="The zone was not removed" />}
      {zones.loading && !zones.data ? (
        <Loading label="Loading your zones…" />
      ) : list.length ? (
        <ul className="setting-list" aria-label="Your privacy zones">
          {list.map((z) => (
            <li key={z.id}>
              <span className="setting-item-main">
                <strong>{z.name}</strong>
                <span className="muted small">
                  {z.radius.toLocaleString('en-US')} m around {z.latitude.toFixed(5)}, {z.longitude.toFixed(5)}
                </span>
              </span>
              <Button
                variant="secondary"
                size="sm"
                busy={removing.loading}
                onClick={() => void remove(z)}
                aria-label={`Remove zone ${z.name}`}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        zones.data && <Empty title="No privacy zones yet">Your maps show every point of every run.</Empty>
      )}

      <form onSubmit={submit} noValidate className="form" aria-labelledby="add-zone-title">
        <h3 id="add-zone-title">Add a zone</h3>
        {errors.form && <ErrorBox error={errors.form} title="The zone was not added" />}
        <div className="zone-form">
          <div>
            {tracks.loading && !tracks.data ? (
              <Loading label="Loading your runs' map…" />
            ) : (
              <ZoneMap
                tracks={trackList}
                zones={list}
                pending={pending}
                onPick={(la, lo) => {
                  set('latitude', la.toFixed(5));
                  set('longitude', lo.toFixed(5));
                }}
              />
            )}
          </div>
          <div className="form zone-fields">
            <TextField
              label="Name"
              placeholder="Home"
              value={draft.name}
              onChange={(e) => set('name', e.target.value)}
              error={errorFor('name')}
              maxLength={60}
              required
            />
            <TextField
              label="Latitude"
              inputMode="decimal"
              value={draft.latitude}
              onChange={(e) => set('latitude', e.target.value)}
              error={errorFor('latitude')}
              hint="Filled in when you click the map."
              required
            />
            <TextField
              label="Longitude"
              inputMode="decimal"
              value={draft.longitude}
              onChange={(e) => set('longitude', e.target.value)}
              error={errorFor('longitude')}
              required
            />
            <TextField
              label="Radius (m)"
              type="number"
              inputMode="numeric"
              min={RADIUS_MIN}
              max={RADIUS_MAX}
              step={50}
              value={draft.radius}
              onChange={(e) => set('radius', e.target.value)}
              error={errorFor('radius')}
              hint={`${RADIUS_MIN} to ${RADIUS_MAX.toLocaleString('en-US')} m. A few hundred metres hides which house is yours.`}
              required
            />
            <div className="form-actions">
              {added && (
                <span className="saved" role="status">
                  <Icon name="check" /> {added} added
                </span>
              )}
              <Button type="submit" busy={adding.loading}>
                Add zone
              </Button>
            </div>
          </div>
        </div>
      </form>
    </Card>
  );
}

const W = 480;
const H = 360;

/**
 * The runner's recent tracks drawn like the run map (own SVG, no tiles, nothing fetched),
 * with their zones as circles: a click or tap picks the new zone's centre. The coordinate
 * fields beside it are the keyboard's way to the same thing.
 */
function ZoneMap({
  tracks,
  zones,
  pending,
  onPick,
}: {
  tracks: (readonly (readonly number[])[])[];
  zones: readonly PrivacyZoneFieldsFragment[];
  pending: { latitude: number; longitude: number; radius: number } | null;
  onPick: (latitude: number, longitude: number) => void;
}) {
  const svg = useRef<SVGSVGElement>(null);
  // Fitted to the tracks and the saved zones only: a click must not move the map under the pointer.
  const hasBackdrop = tracks.length > 0 || zones.length > 0;
  // Without any, typed coordinates centre it.
  const anchorLat = hasBackdrop ? undefined : pending?.latitude;
  const anchorLon = hasBackdrop ? undefined : pending?.longitude;
  const projection = useMemo(() => {
    const points: (readonly number[])[] = tracks.flat();
    for (const z of zones) points.push(...circleBounds(z.latitude, z.longitude, z.radius));
    if (anchorLat != null && anchorLon != null) points.push(...circleBounds(anchorLat, anchorLon, 2000));
    return points.length ? fitProjection(points, W, H, 24, 1500) : null;
  }, [tracks, zones, anchorLat, anchorLon]);

  if (!projection) {
    return (
      <Empty title="No map yet">
        Runs imported from a watch or an app draw a map of where you run here, to click on. Until then, type the coordinates of the place.
      </Empty>
    );
  }

  function pick(e: MouseEvent<SVGSVGElement>) {
    const el = svg.current;
    const ctm = el?.getScreenCTM();
    if (!el || !ctm) return;
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
    const [lat, lon] = projection!.unproject(p.x, p.y);
    onPick(lat, lon);
  }

  const path = (track: readonly (readonly number[])[]) =>
    track
      .map((pt, i) => {
        const [x, y] = projection.project(pt);
        return `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`;
      })
      .join('');
  const pendingXY = pending ? projection.project([pending.latitude, pending.longitude]) : null;

  return (
    <figure className="chart">
      <svg
        ref={svg}
        className="zone-map"
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`Map of your ${tracks.length} latest recorded runs and your ${zones.length} privacy zones. Click near a place to put a zone's centre there, or type its latitude and longitude.`}
        data-testid="zone-map"
        onClick={pick}
      >
        <defs>
          <pattern id="zone-grid" width="32" height="32" patternUnits="userSpaceOnUse">
            <path d="M32 0H0V32" fill="none" stroke="var(--border)" strokeWidth="1" />
          </pattern>
        </defs>
        <rect width={W} height={H} fill="url(#zone-grid)" />
        {tracks.map((t, i) => (
          <path key={i} d={path(t)} fill="none" stroke="var(--accent)" strokeOpacity="0.55" strokeWidth="2.5" strokeLinejoin="round" />
        ))}
        {/* Where each run started: often the very place to hide. */}
        {tracks.map((t, i) => {
          const [x, y] = projection.project(t[0]!);
          return (
            <circle key={`start-${i}`} cx={x} cy={y} r="4" fill="var(--accent)" stroke="#fff" strokeWidth="1.5" data-testid="track-start" />
          );
        })}
        {zones.map((z) => {
          const [x, y] = projection.project([z.latitude, z.longitude]);
          return (
            <g key={z.id}>
              <circle
                cx={x}
                cy={y}
                r={projection.metresToBox(z.radius)}
                fill="var(--info)"
                fillOpacity="0.18"
                stroke="var(--info)"
                strokeWidth="2"
              />
              <text x={x} y={y} textAnchor="middle" dominantBaseline="middle" fontSize="13" fontWeight="700" fill="var(--text)">
                {z.name}
              </text>
            </g>
          );
        })}
        {pending && pendingXY && (
          <g data-testid="zone-pending">
            <circle
              cx={pendingXY[0]}
              cy={pendingXY[1]}
              r={projection.metresToBox(pending.radius)}
              fill="var(--ok)"
              fillOpacity="0.15"
              stroke="var(--ok)"
              strokeWidth="2"
              strokeDasharray="6 4"
            />
            <circle cx={pendingXY[0]} cy={pendingXY[1]} r="5" fill="var(--ok)" stroke="#fff" strokeWidth="2" />
          </g>
        )}
      </svg>
      <figcaption className="muted small">
        Dots mark where your runs started. Blue circles are your zones; the dashed green circle is the one you are adding.
      </figcaption>
    </figure>
  );
}
