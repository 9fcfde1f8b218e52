import { garminConnectGpx, simulateRun } from './activity-files';
import { ok, startTestGateway } from './harness';
import type { TestGateway, TestUser } from './harness';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());

const MILE = 1609.344;

interface Split {
  index: number;
  distance: number;
  duration: number;
  pace: number;
  elevationGain: number | null;
}
interface RunWithSplits {
  id: string;
  distance: number;
  duration: number;
  km: Split[];
  mi: Split[];
}
const FIELDS = `id distance duration km: splits { index distance duration pace elevationGain }
  mi: splits(unit: IMPERIAL) { index distance duration pace elevationGain }`;

async function importRun(user: TestUser, metres: number, visibility = 'PUBLIC'): Promise<RunWithSplits> {
  const sim = simulateRun({ start: new Date(Date.now() - 86_400_000), plan: [{ run: metres, pace: 330 }], hill: 8, seed: 17 });
  return ok(
    await t.gql<{ importActivity: RunWithSplits }>(
      `mutation($c: String!, $v: Visibility) { importActivity(format: GPX, content: $c, visibility: $v) { ${FIELDS} } }`,
      { c: garminConnectGpx(sim), v: visibility },
      user.token,
    ),
  ).importActivity;
}

async function runAs(user: TestUser, id: string): Promise<RunWithSplits | null> {
  return ok(await t.gql<{ run: RunWithSplits | null }>(`query($id: ID!) { run(id: $id) { ${FIELDS} } }`, { id }, user.token)).run;
}

/** Each split's pace is its own duration over its own distance, in seconds per km. */
function expectAddsUp(splits: Split[], run: { distance: number; duration: number }, length: number) {
  expect(splits.map((s) => s.index)).toEqual(splits.map((_, i) => i + 1));
  for (const s of splits.slice(0, -1)) expect(s.distance).toBeCloseTo(length, 1);
  expect(splits[splits.length - 1].distance).toBeLessThan(length);
  expect(splits.reduce((sum, s) => sum + s.distance, 0)).toBeCloseTo(run.distance, 0);
  expect(splits.reduce((sum, s) => sum + s.duration, 0)).toBe(run.duration);
  for (const s of splits) expect(Math.abs(s.pace - s.duration / (s.distance / 1000))).toBeLessThan(1.5);
}

describe('Run.splits(unit)', () => {
  it('gives per-mile splits for IMPERIAL, the last partial one included, adding up to the run — and per-km by default', async () => {
    const runner = await t.signUp('Miler');
    // 8 km is 4.97 miles: four full miles and a partial one of 1.56 km.
    const run = await importRun(runner, 8000);
    expect(run.mi).toHaveLength(5);
    expect(run.km).toHaveLength(8);
    expectAddsUp(run.mi, run, MILE);
    expect(run.mi[4].distance).toBeCloseTo(run.distance - 4 * MILE, 0);
    // Climb is split too, and totals the same in both units.
    const climb = (s: Split[]) => s.reduce((sum, x) => sum + (x.elevationGain ?? 0), 0);
    expect(climb(run.mi)).toBeCloseTo(climb(run.km), 0);
  });

  it('derives mile splits from the kilometre ones for recordings kept before mile splits were', async () => {
    const runner = await t.signUp('OldMiler');
    const run = await importRun(runner, 6000);
    const exact = run.mi;
    await t.sql(`UPDATE run_tracks SET mile_splits = NULL WHERE run_id = $1`, [run.id]);
    const derived = (await runAs(runner, run.id))!.mi;
    expectAddsUp(derived, run, MILE);
    expect(derived).toHaveLength(exact.length);
    // Within a few seconds of the exact ones: the runner's pace is steady inside each kilometre.
    derived.forEach((s, i) => expect(Math.abs(s.duration - exact[i].duration)).toBeLessThanOrEqual(3));
  });

  it('keeps the privacy rules: splits in either unit for whoever may see the run, none for anyone else', async () => {
    const owner = await t.signUp('PrivateMiler');
    const other = await t.signUp('Curious');
    const open = await importRun(owner, 5000);
    const hidden = await importRun(owner, 5000, 'PRIVATE');
    const seen = (await runAs(other, open.id))!;
    expect(seen.mi).toEqual(open.mi);
    expect(seen.km).toEqual(open.km);
    expect(await runAs(other, hidden.id)).toBeNull();
    const [{ count }] = await t.sql<{ count: number }>(
      `SELECT count(*)::int AS count FROM pg_proc WHERE proname = 'maratron_run_splits' AND pronamespace = current_schema()::regnamespace`,
    );
    expect(count).toBe(1);
  });
});
