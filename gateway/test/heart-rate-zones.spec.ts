// Heart-rate zones, the max heart rate estimate and heart-rate load, over GraphQL. Runs with heart
// rate come from generated GPX files (dated now, so they fall in the summary's weeks and the
// estimate's year) and from a real device export (../shared/fixtures/activities; that test skips,
// saying so, when the folder is absent, and fails under CI, which always has it).
import fs from 'node:fs';
import path from 'node:path';
import { runLoad, trainingPaces } from '@maratron/domain';
import { backfillHeartRates } from '@maratron/migrations';
import { errorOf, ok, startTestGateway } from './harness';
import type { TestGateway, TestUser } from './harness';

const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'shared', 'fixtures', 'activities');
const present = fs.existsSync(FIXTURES);
if (!present && process.env.CI) throw new Error(`real device exports: ${FIXTURES} is absent (CI must provide ../shared)`);
if (!present) console.warn(`[tests] SKIPPED heart-rate zones of a real device export: ${FIXTURES} is absent`);
const itWithFixtures = present ? it : it.skip;

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());

const DAY = 86_400_000;
const M_PER_DEG = 111_195;

interface ZoneTime {
  zone: number;
  seconds: number;
}
interface ImportedRun {
  id: string;
  startedAt: string;
  duration: number;
  distance: number;
  heartRateZones: ZoneTime[];
}
interface HeartRateProfile {
  maxHeartRate: number | null;
  maxHeartRateEstimated: boolean;
  restingHeartRate: number;
  restingHeartRateEstimated: boolean;
}

const RUN_FIELDS = 'id startedAt duration distance heartRateZones { zone seconds }';

/**
 * A GPX as a watch writes it: 1 Hz, running north at 3 m/s, each stretch [seconds, bpm] in turn,
 * starting at `start`. A stretch with bpm null stands still (a pause) at 95 bpm.
 */
function gpx(start: Date, stretches: [number, number | null][]): string {
  const points: string[] = [];
  let t = 0;
  let north = 0;
  const point = (bpm: number) =>
    `<trkpt lat="${(48 + north / M_PER_DEG).toFixed(7)}" lon="11"><time>${new Date(start.getTime() + t * 1000).toISOString()}</time>` +
    `<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>${bpm}</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>`;
  points.push(point(stretches[0][1] ?? 95));
  for (const [seconds, bpm] of stretches) {
    for (let i = 0; i < seconds; i++) {
      t += 1;
      if (bpm !== null) north += 3;
      points.push(point(bpm ?? 95));
    }
  }
  return (
    '<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1" ' +
    'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"><trk><type>running</type><trkseg>' +
    points.join('') +
    '</trkseg></trk></gpx>'
  );
}

async function importGpx(user: TestUser, content: string, visibility = 'PUBLIC'): Promise<ImportedRun> {
  return ok(
    await t.gql<{ importActivity: ImportedRun }>(
      `mutation($content: String!, $visibility: Visibility) { importActivity(format: GPX, content: $content, visibility: $visibility) { ${RUN_FIELDS} } }`,
      { content, visibility },
      user.token,
    ),
  ).importActivity;
}

async function setHeartRates(user: TestUser, trainingProfile: { maxHeartRate?: number | null; restingHeartRate?: number | null }) {
  return t.gql<{ updateProfile: { trainingProfile: HeartRateProfile } }>(
    `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) {
      trainingProfile { maxHeartRate maxHeartRateEstimated restingHeartRate restingHeartRateEstimated } } }`,
    { input: { trainingProfile } },
    user.token,
  );
}

async function profile(user: TestUser): Promise<HeartRateProfile> {
  return ok(
    await t.gql<{ me: { trainingProfile: HeartRateProfile } }>(
      `{ me { trainingProfile { maxHeartRate maxHeartRateEstimated restingHeartRate restingHeartRateEstimated } } }`,
      {},
      user.token,
    ),
  ).me.trainingProfile;
}

async function summary(user: TestUser) {
  return ok(
    await t.gql<{ trainingSummary: { vdot: number | null; heartRateZones: ZoneTime[]; load: { date: string; acute: number }[] } }>(
      `{ trainingSummary(weeks: 4) { vdot heartRateZones { zone seconds } load { date acute } } }`,
      {},
      user.token,
    ),
  ).trainingSummary;
}

const total = (zones: ZoneTime[]) => zones.reduce((a, z) => a + z.seconds, 0);
const twoHoursAgo = () => new Date(Math.floor((Date.now() - 2 * 3600_000) / 1000) * 1000);
/** The acute load on the run's day, when it is the runner's only run: α = 2/8 of that day's load. */
const dayLoad = (load: { date: string; acute: number }[], startedAt: string) => {
  const day = new Date(Math.floor(new Date(startedAt).getTime() / DAY) * DAY).toISOString();
  return load.find((d) => d.date === day)!.acute / 0.25;
};

describe('heart-rate zones', () => {
  it('splits a run by heart-rate reserve, pauses left out, adding up to its moving time; others see none', async () => {
    const runner = await t.signUp('Zones');
    ok(await setHeartRates(runner, { maxHeartRate: 190, restingHeartRate: 50 }));
    // Bounds 120 134 148 162 176 190: 300 s at 130 (zone 1), a 120 s pause, 300 s at 155 (3), 120 s at 180 (5).
    const run = await importGpx(
      runner,
      gpx(twoHoursAgo(), [
        [300, 130],
        [120, null],
        [300, 155],
        [120, 180],
      ]),
    );
    expect(run.duration).toBeGreaterThanOrEqual(718);
    expect(run.duration).toBeLessThanOrEqual(722);
    expect(total(run.heartRateZones)).toBe(run.duration);
    const [z1, z2, z3, z4, z5] = run.heartRateZones.map((z) => z.seconds);
    expect(run.heartRateZones.map((z) => z.zone)).toEqual([1, 2, 3, 4, 5]);
    expect(Math.abs(z1 - 300)).toBeLessThanOrEqual(2);
    expect([z2, z4]).toEqual([0, 0]);
    expect(Math.abs(z3 - 300)).toBeLessThanOrEqual(2);
    expect(z5).toBe(120);

    // The zones follow the profile: with max 200 / rest 60 (bounds 130 144 158 172 186 200) 130 is zone 2.
    ok(await setHeartRates(runner, { maxHeartRate: 200, restingHeartRate: 60 }));
    const again = ok(
      await t.gql<{ run: ImportedRun }>(`query($id: ID!) { run(id: $id) { ${RUN_FIELDS} } }`, { id: run.id }, runner.token),
    ).run;
    expect(again.heartRateZones[1].seconds).toBe(z1);
    expect(total(again.heartRateZones)).toBe(run.duration);

    // The run is public, its zones are its runner's alone (they come from a private max and resting heart rate).
    const other = await t.signUp('Other');
    const seen = ok(
      await t.gql<{ run: ImportedRun | null }>(`query($id: ID!) { run(id: $id) { ${RUN_FIELDS} } }`, { id: run.id }, other.token),
    ).run;
    expect(seen).toMatchObject({ id: run.id, heartRateZones: [] });
    expect(await t.sql(`SELECT 1 FROM run_heart_rates WHERE run_id = $1`, [run.id])).toHaveLength(1);
  });

  it("sums the runs' zones over the summary's weeks; a run without heart rate has none", async () => {
    const runner = await t.signUp('Summary');
    ok(await setHeartRates(runner, { maxHeartRate: 190, restingHeartRate: 50 }));
    const a = await importGpx(runner, gpx(twoHoursAgo(), [[400, 140]]));
    const b = await importGpx(
      runner,
      gpx(new Date(Date.now() - 3 * DAY), [
        [200, 125],
        [300, 170],
      ]),
    );
    const manual = ok(
      await t.gql<{ createRun: ImportedRun }>(
        `mutation($input: RunInput!) { createRun(input: $input) { ${RUN_FIELDS} } }`,
        { input: { startedAt: new Date(Date.now() - DAY).toISOString(), distance: 5000, duration: 1500 } },
        runner.token,
      ),
    ).createRun;
    expect(manual.heartRateZones).toEqual([]);
    const zones = (await summary(runner)).heartRateZones;
    expect(zones).toEqual(a.heartRateZones.map((z, i) => ({ zone: z.zone, seconds: z.seconds + b.heartRateZones[i].seconds })));
    expect(total(zones)).toBe(a.duration + b.duration);
  });

  it('backfills runs imported before histograms were kept from their recordings, with the same zones', async () => {
    const runner = await t.signUp('Backfill');
    ok(await setHeartRates(runner, { maxHeartRate: 190, restingHeartRate: 50 }));
    const run = await importGpx(
      runner,
      gpx(twoHoursAgo(), [
        [200, 140],
        [90, null],
        [200, 178],
      ]),
    );
    await t.sql(`DELETE FROM run_heart_rates WHERE run_id = $1`, [run.id]);
    const zonesOf = async () =>
      ok(await t.gql<{ run: ImportedRun }>(`query($id: ID!) { run(id: $id) { ${RUN_FIELDS} } }`, { id: run.id }, runner.token)).run
        .heartRateZones;
    expect(await zonesOf()).toEqual([]);
    await backfillHeartRates((sql, params) => t.sql(sql, params));
    expect(await zonesOf()).toEqual(run.heartRateZones);
  });

  itWithFixtures('zones of a real device export (strava-run-hr-pause.gpx) add up to its moving time', async () => {
    const runner = await t.signUp('Strava');
    ok(await setHeartRates(runner, { maxHeartRate: 195, restingHeartRate: 55 }));
    const run = await importGpx(runner, fs.readFileSync(path.join(FIXTURES, 'strava-run-hr-pause.gpx'), 'utf8'));
    // README: a 140 s pause inside the track, heart rate on every point (mean 168.6).
    expect(run.duration).toBeLessThanOrEqual(1256 - 140);
    expect(total(run.heartRateZones)).toBe(run.duration);
    // Mean 168.6 bpm is 81 % of this reserve: most of the run is in zones 3–5.
    const hard = run.heartRateZones.filter((z) => z.zone >= 3).reduce((a, z) => a + z.seconds, 0);
    expect(hard).toBeGreaterThan(run.duration / 2);
  });
});

describe('max and resting heart rate', () => {
  it('estimates the max from the runs (a minute held, not a spike) and defaults the resting rate to 60', async () => {
    const runner = await t.signUp('Estimate');
    expect(await profile(runner)).toEqual({
      maxHeartRate: null,
      maxHeartRateEstimated: true,
      restingHeartRate: 60,
      restingHeartRateEstimated: true,
    });
    // 10 min at 150, 90 s at 185, then a 5 s strap spike at 235.
    const run = await importGpx(
      runner,
      gpx(twoHoursAgo(), [
        [600, 150],
        [90, 185],
        [5, 235],
      ]),
    );
    expect(await profile(runner)).toEqual({
      maxHeartRate: 185,
      maxHeartRateEstimated: true,
      restingHeartRate: 60,
      restingHeartRateEstimated: true,
    });
    // Bounds from 185/60: 123 135 148 160 173 185 — 150 bpm is zone 3, 185 and the spike zone 5.
    expect(run.heartRateZones.map((z) => z.seconds)).toEqual([0, 0, 600, 0, 95]);

    ok(await setHeartRates(runner, { maxHeartRate: 200 }));
    expect(await profile(runner)).toEqual({
      maxHeartRate: 200,
      maxHeartRateEstimated: false,
      restingHeartRate: 60,
      restingHeartRateEstimated: true,
    });
    // null goes back to the estimate.
    ok(await setHeartRates(runner, { maxHeartRate: null }));
    expect((await profile(runner)).maxHeartRate).toBe(185);
  });

  it('refuses implausible rates and a resting rate not below the max, changing nothing', async () => {
    const runner = await t.signUp('Refused');
    ok(await setHeartRates(runner, { maxHeartRate: 190, restingHeartRate: 50 }));
    const cases: [{ maxHeartRate?: number; restingHeartRate?: number }, string][] = [
      [{ maxHeartRate: 300 }, 'trainingProfile.maxHeartRate'],
      [{ maxHeartRate: 60 }, 'trainingProfile.maxHeartRate'],
      [{ restingHeartRate: 10 }, 'trainingProfile.restingHeartRate'],
      [{ restingHeartRate: 120, maxHeartRate: 110 }, 'trainingProfile.restingHeartRate'],
      [{ restingHeartRate: 195 }, 'trainingProfile.restingHeartRate'],
      [{ maxHeartRate: 100, restingHeartRate: 100 }, 'trainingProfile.restingHeartRate'],
    ];
    for (const [input, field] of cases) {
      expect(errorOf(await setHeartRates(runner, input))).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    // With a stored resting rate of 110, a max of 105 is refused on the max.
    ok(await setHeartRates(runner, { restingHeartRate: 110 }));
    expect(errorOf(await setHeartRates(runner, { maxHeartRate: 105 }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'trainingProfile.maxHeartRate',
    });
    expect(await profile(runner)).toMatchObject({ maxHeartRate: 190, restingHeartRate: 110 });
  });
});

describe('training load', () => {
  it('scores a run with heart rate by TRIMP and one without by the pace model', async () => {
    // 30 min at 85 % of the reserve (169 bpm from 190/50) scores 50: an hour at threshold is 100.
    const hr = await t.signUp('Trimp');
    ok(await setHeartRates(hr, { maxHeartRate: 190, restingHeartRate: 50 }));
    const run = await importGpx(hr, gpx(twoHoursAgo(), [[1800, 169]]));
    expect(run.duration).toBe(1800);
    expect(dayLoad((await summary(hr)).load, run.startedAt)).toBeCloseTo(50, 1);

    // The same run for a runner without heart rate in it: a typed-in run, scored by threshold pace from VDOT.
    const pace = await t.signUp('Pace');
    const manual = ok(
      await t.gql<{ createRun: ImportedRun }>(
        `mutation($input: RunInput!) { createRun(input: $input) { ${RUN_FIELDS} } }`,
        { input: { startedAt: run.startedAt, distance: run.distance, duration: run.duration } },
        pace.token,
      ),
    ).createRun;
    const s = await summary(pace);
    expect(s.vdot).not.toBeNull();
    const expected = runLoad(manual, { thresholdPace: trainingPaces(s.vdot!).threshold });
    expect(dayLoad(s.load, manual.startedAt)).toBeCloseTo(expected, 0);
    expect(Math.abs(expected - 50)).toBeGreaterThan(1);
  });
});
