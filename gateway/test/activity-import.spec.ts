import { XMLValidator } from 'fast-xml-parser';
import { MAX_ACTIVITY_FILE_BYTES } from '@maratron/domain';
import { appleHealthGpx, garminConnectGpx, garminTcx, simulateRun, stravaGpx } from './activity-files';
import type { SimulatedRun } from './activity-files';
import { fitActivity } from './fit-files';
import { errorOf, ok, startTestGateway } from './harness';
import type { Edges, TestGateway, TestUser } from './harness';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());

const RUN_FIELDS = `id name startedAt distance duration elevationGain averageHeartRate environment visibility shoe { id }
  splits { index distance duration pace elevationGain } track`;
const IMPORT = `mutation($format: ActivityFormat!, $content: String!, $shoeId: ID, $visibility: Visibility) {
  importActivity(format: $format, content: $content, shoeId: $shoeId, visibility: $visibility) { ${RUN_FIELDS} } }`;

interface ImportedRun {
  id: string;
  name: string | null;
  startedAt: string;
  distance: number;
  duration: number;
  elevationGain: number | null;
  averageHeartRate: number | null;
  environment: string;
  visibility: string;
  shoe: { id: string } | null;
  splits: { index: number; distance: number; duration: number; pace: number; elevationGain: number | null }[];
  track: number[][] | null;
}

type CreatedShoe = { createShoe: { id: string } };

const daysAgo = (d: number) => new Date(Math.floor(Date.now() / 1000 - d * 86400) * 1000);

async function importFile(user: TestUser, format: 'GPX' | 'TCX' | 'FIT', content: string, extra: Record<string, unknown> = {}) {
  return ok(await t.gql<{ importActivity: ImportedRun }>(IMPORT, { format, content, ...extra }, user.token)).importActivity;
}

async function stored(user: TestUser) {
  const [row] = await t.sql<{ runs: number; tracks: number; efforts: number }>(
    `SELECT (SELECT count(*)::int FROM runs WHERE user_id = $1) AS runs,
            (SELECT count(*)::int FROM run_tracks k JOIN runs r ON r.id = k.run_id WHERE r.user_id = $1) AS tracks,
            (SELECT count(*)::int FROM run_efforts WHERE user_id = $1) AS efforts`,
    [user.id],
  );
  return row;
}

async function records(user: TestUser): Promise<Record<string, { duration: number; run: { id: string } }>> {
  const summary = ok(
    await t.gql<{ trainingSummary: { personalRecords: { distance: string; duration: number; run: { id: string } }[] } }>(
      `{ trainingSummary { personalRecords { distance duration run { id } } } }`,
      {},
      user.token,
    ),
  ).trainingSummary;
  return Object.fromEntries(summary.personalRecords.map((r) => [r.distance, r]));
}

/** Within `share` (e.g. 0.01 = 1 %) of the truth. */
const near = (actual: number, truth: number, share: number) =>
  expect(Math.abs(actual - truth)).toBeLessThanOrEqual(Math.abs(truth) * share);

/** 10.5 km: 2.5 km at 5:00/km, a fast 5 km at 4:30/km, 3 km at 5:00/km, on a loop with a 15 m hill. */
const tempo = (start: Date, extra: Partial<Parameters<typeof simulateRun>[0]> = {}): SimulatedRun =>
  simulateRun({
    start,
    plan: [
      { run: 2500, pace: 300 },
      { run: 5000, pace: 270 },
      { run: 3000, pace: 300 },
    ],
    hill: 15,
    eleNoise: 1.5,
    seed: 7,
    ...extra,
  });

describe('importActivity — device files', () => {
  it('reads a Garmin Connect GPX (ns3 heart rate): distance, moving time, climb, heart rate, splits, track and records', async () => {
    const a = await t.signUp('Garmin');
    const sim = tempo(daysAgo(2));
    const run = await importFile(a, 'GPX', garminConnectGpx(sim, 'Tempo Tuesday'));

    // Stated tolerances: distance 0.5 % (GPS wander), moving time 2 s, heart rate 1 bpm, climb 15 %
    // (±1.5 m noise still moves each lap's smoothed top and bottom by up to a metre).
    near(run.distance, sim.distance, 0.005);
    expect(Math.abs(run.duration - sim.movingTime)).toBeLessThanOrEqual(2);
    expect(Math.abs(run.averageHeartRate! - sim.averageHeartRate)).toBeLessThanOrEqual(1);
    near(run.elevationGain!, sim.climb, 0.15);
    expect(run).toMatchObject({
      name: 'Tempo Tuesday',
      startedAt: sim.segments[0][0].time.toISOString(),
      environment: 'OUTDOOR',
      // The runner's defaultVisibility, FOLLOWERS for a new account: the import named none.
      visibility: 'FOLLOWERS',
    });

    // Ten full kilometres and the last 500 m; the time at each kilometre within 4 s of the truth
    // (GPS wander shifts where the watch thinks a kilometre ends by a few metres).
    expect(run.splits.map((s) => s.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(run.splits.slice(0, 10).every((s) => s.distance === 1000)).toBe(true);
    near(run.splits[10].distance, 500, 0.1);
    expect(sim.kmTimes).toHaveLength(10);
    sim.kmTimes.forEach((at, k) => {
      const sum = run.splits.slice(0, k + 1).reduce((s: number, x) => s + x.duration, 0);
      expect(Math.abs(sum - at)).toBeLessThanOrEqual(4);
    });
    expect(Math.abs(run.splits[4].pace - 270)).toBeLessThanOrEqual(3);
    expect(run.splits.reduce((s: number, x) => s + x.duration, 0)).toBe(run.duration);
    expect(run.splits.every((s) => typeof s.elevationGain === 'number')).toBe(true);

    // The track: [lat, lon, elevation], at most TRACK_MAX_POINTS_PER_RESPONSE (2000) points: these 3001 thinned evenly, first and last kept.
    const points = sim.segments.flat();
    expect(points.length).toBe(3001);
    expect(run.track).toHaveLength(2000);
    const at = (p: { lat: number; lon: number }) => [Math.round(p.lat * 1e6) / 1e6, Math.round(p.lon * 1e6) / 1e6, expect.any(Number)];
    expect(run.track![0]).toEqual(at(points[0]));
    expect(run.track![1999]).toEqual(at(points[3000]));

    // Records slide over the track: the fast 5 km in the middle, not 5/10.5 of the whole run.
    const pr = await records(a);
    expect(Math.abs(pr.K5.duration - 1350)).toBeLessThanOrEqual(1350 * 0.005);
    expect(pr.K5.run.id).toBe(run.id);
    expect(Math.abs(pr.K10.duration - (1350 + 5000 * 0.3))).toBeLessThanOrEqual(2850 * 0.005);
    expect(pr.HALF_MARATHON).toBeUndefined();
    expect(await stored(a)).toEqual({ runs: 1, tracks: 1, efforts: 2 });
  });

  it('reads a Strava GPX with an auto-pause gap (not moving) and a wait at a crossing (time as the watch counts it, no distance)', async () => {
    const a = await t.signUp('Strava');
    const sim = simulateRun({
      start: daysAgo(3),
      plan: [
        { run: 2000, pace: 330 },
        { stop: 140, logging: 'paused' },
        { run: 1500, pace: 330 },
        { stop: 45, logging: 'standing' },
        { run: 1600, pace: 330 },
      ],
      seed: 3,
    });
    const run = await importFile(a, 'GPX', stravaGpx(sim));
    expect(sim.elapsed - sim.movingTime).toBe(140);
    // Moving time within 3 s, distance 0.5 % (the wait's GPS jitter is not distance).
    expect(Math.abs(run.duration - sim.movingTime)).toBeLessThanOrEqual(3);
    near(run.distance, sim.distance, 0.005);
    expect(run.name).toBe('Lunch Run');
    expect(run.splits).toHaveLength(6);
    // The fourth kilometre holds the 45 s wait.
    run.splits.slice(0, 5).forEach((split, i) => expect(Math.abs(split.pace - (i === 3 ? 375 : 330))).toBeLessThanOrEqual(4));
  });

  it('reads an Apple Health route (lon before lat, no heart rate, no type)', async () => {
    const a = await t.signUp('Apple');
    const sim = simulateRun({ start: daysAgo(1), plan: [{ run: 3200, pace: 360 }], hill: 5, seed: 5 });
    const run = await importFile(a, 'GPX', appleHealthGpx(sim));
    near(run.distance, sim.distance, 0.005);
    expect(Math.abs(run.duration - sim.movingTime)).toBeLessThanOrEqual(2);
    expect(run.averageHeartRate).toBeNull();
    expect(run.name).toMatch(/^Route /);
    // The metadata time is the export's, days later: the start is the first point's.
    expect(run.startedAt).toBe(sim.segments[0][0].time.toISOString());
    expect(run.splits).toHaveLength(4);
    expect(run.track![0]).toHaveLength(3);
  });

  it('reads a Garmin TCX with a Track per auto-lap without losing the lap boundaries', async () => {
    const a = await t.signUp('Laps');
    const sim = tempo(daysAgo(4), { interval: 2, seed: 9 });
    const tcx = garminTcx(sim, { lapMetres: 1000 });
    expect(tcx.match(/<Lap /g)).toHaveLength(11);
    const run = await importFile(a, 'TCX', tcx);
    // Distance 0.3 % and moving time 2 s: a lost second and a few metres per lap would show as 11 s and ~30 m.
    near(run.distance, sim.distance, 0.003);
    expect(Math.abs(run.duration - sim.movingTime)).toBeLessThanOrEqual(2);
    expect(Math.abs(run.averageHeartRate! - sim.averageHeartRate)).toBeLessThanOrEqual(1);
    expect(run.splits).toHaveLength(11);
    expect(run.environment).toBe('OUTDOOR');
    const pr = await records(a);
    expect(Math.abs(pr.K5.duration - 1350)).toBeLessThanOrEqual(1350 * 0.005);
  });

  it('reads a treadmill TCX without GPS from DistanceMeters: splits and records, but no track', async () => {
    const a = await t.signUp('Treadmill');
    const sim = simulateRun({ start: daysAgo(5), plan: [{ run: 6000, pace: 320 }], interval: 5, seed: 11 });
    const run = await importFile(a, 'TCX', garminTcx(sim, { gps: false, lapMetres: 1609.344 }));
    near(run.distance, 6000, 0.001);
    expect(Math.abs(run.duration - sim.movingTime)).toBeLessThanOrEqual(2);
    expect(run).toMatchObject({ environment: 'TREADMILL', track: null, elevationGain: null });
    expect(run.splits.map((s) => s.distance)).toEqual([1000, 1000, 1000, 1000, 1000, 1000]);
    for (const split of run.splits) expect(Math.abs(split.pace - 320)).toBeLessThanOrEqual(2);
    expect(Math.abs((await records(a)).K5.duration - 1600)).toBeLessThanOrEqual(3);
    expect(await stored(a)).toEqual({ runs: 1, tracks: 1, efforts: 1 });
  });

  it('keeps noisy GPS elevation on flat ground from turning into climbing', async () => {
    const a = await t.signUp('Flat');
    // ±2 m of white noise every second: summing every rise would give hundreds of metres.
    const sim = simulateRun({ start: daysAgo(1), plan: [{ run: 5000, pace: 300 }], hill: 0, eleNoise: 2, seed: 13 });
    const points = sim.segments.flat();
    const naive = points.slice(1).reduce((sum, p, i) => sum + Math.max(0, p.ele - points[i].ele), 0);
    expect(naive).toBeGreaterThan(500);
    const run = await importFile(a, 'GPX', garminConnectGpx(sim));
    // Stated tolerance: under 2 m per km.
    expect(run.elevationGain).toBeLessThan(10);
  });

  it('uses the chosen shoe and visibility, else the default shoe and PUBLIC', async () => {
    const a = await t.signUp('Shoes');
    const daily = ok(await t.gql<CreatedShoe>(`mutation { createShoe(input: { name: "Daily", isDefault: true }) { id } }`, {}, a.token))
      .createShoe.id;
    const racer = ok(await t.gql<CreatedShoe>(`mutation { createShoe(input: { name: "Racer" }) { id } }`, {}, a.token)).createShoe.id;
    const gpx = garminConnectGpx(simulateRun({ start: daysAgo(1), plan: [{ run: 1200, pace: 300 }] }));
    expect((await importFile(a, 'GPX', gpx)).shoe!.id).toBe(daily);
    const chosen = await importFile(a, 'GPX', gpx, { shoeId: racer, visibility: 'PRIVATE' });
    expect(chosen).toMatchObject({ shoe: { id: racer }, visibility: 'PRIVATE' });
    expect((await importFile(a, 'GPX', gpx, { shoeId: null })).shoe).toBeNull();
    const shoe = ok(
      await t.gql<{ shoes: { id: string; distance: number; runCount: number }[] }>(`{ shoes { id distance runCount } }`, {}, a.token),
    ).shoes.find((s) => s.id === racer);
    near(shoe!.distance, 1200, 0.01);
  });
});

describe('importActivity — files that cannot be used', () => {
  const refused = async (user: TestUser, format: 'GPX' | 'TCX', content: string, extra: Record<string, unknown> = {}) => {
    const res = await t.gql(IMPORT, { format, content, ...extra }, user.token);
    expect(res.data).toBeNull();
    return errorOf(res);
  };
  const good = () => garminConnectGpx(simulateRun({ start: daysAgo(1), plan: [{ run: 2000, pace: 300 }] }));

  it('refuses broken, empty, foreign, point-less and oversized files with BAD_USER_INPUT on content and the reason, storing nothing', async () => {
    const a = await t.signUp('Broken');
    const cases: [string, string, RegExp][] = [
      [good().slice(0, 2000), 'MALFORMED', /^The GPX file is not well-formed XML \(line \d+: /],
      ['', 'EMPTY', /^The GPX file is empty$/],
      [
        '<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document/></kml>',
        'UNSUPPORTED',
        /^The file is not a GPX or TCX activity \(its root element is <kml>\)$/,
      ],
      ['<gpx version="1.1"><trk><trkseg></trkseg></trk></gpx>', 'NO_POINTS', /^The file contains no track points$/],
      [' '.repeat(MAX_ACTIVITY_FILE_BYTES + 1), 'TOO_LARGE', /^The GPX file is larger than 25 MB$/],
    ];
    for (const [content, reason, message] of cases) {
      const e = await refused(a, 'GPX', content);
      expect({ code: e.code, field: e.field, reason: e.reason }).toEqual({ code: 'BAD_USER_INPUT', field: 'content', reason });
      expect(e.message).toMatch(message);
    }
    expect(await stored(a)).toEqual({ runs: 0, tracks: 0, efforts: 0 });
  });

  it('refuses a route without timestamps, a cycling TCX naming its sport, and a car-speed file', async () => {
    const a = await t.signUp('NotRuns');
    const route = good().replace(/<time>[^<]*<\/time>/g, '');
    expect(await refused(a, 'GPX', route)).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'content',
      reason: 'NO_START_TIME',
      message: 'The file has no timestamps (a planned route rather than a recorded run), so it has no start time or duration to import',
    });
    const ride = garminTcx(simulateRun({ start: daysAgo(1), plan: [{ run: 3000, pace: 120 }] }), { sport: 'Biking' });
    expect(await refused(a, 'TCX', ride)).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'content',
      reason: 'NOT_A_RUN',
      message: 'The file is a Biking activity, not a run; only runs can be imported',
    });
    const car = garminConnectGpx(simulateRun({ start: daysAgo(1), plan: [{ run: 5000, pace: 60 }] }));
    expect(await refused(a, 'GPX', car)).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'content',
      reason: 'INVALID_RUN',
      message: "The file's duration is too short for that distance (faster than 1:30 per km)",
    });
    const future = garminConnectGpx(simulateRun({ start: new Date(Date.now() + 3 * 86400_000), plan: [{ run: 1000, pace: 300 }] }));
    expect(await refused(a, 'GPX', future)).toMatchObject({
      reason: 'INVALID_RUN',
      message: "The file's start time must not be in the future",
    });
    expect(await stored(a)).toEqual({ runs: 0, tracks: 0, efforts: 0 });
  });

  it("names shoeId for someone else's shoe, and needs a signed-in runner", async () => {
    const a = await t.signUp('ShoeThief');
    const b = await t.signUp('ShoeOwner');
    const theirs = ok(await t.gql<CreatedShoe>(`mutation { createShoe(input: { name: "Theirs" }) { id } }`, {}, b.token)).createShoe.id;
    expect(await refused(a, 'GPX', good(), { shoeId: theirs })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'shoeId' });
    expect(errorOf(await t.gql(IMPORT, { format: 'GPX', content: good() }))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await stored(a)).toEqual({ runs: 0, tracks: 0, efforts: 0 });
  });
});

describe('GET /api/runs/:id.gpx', () => {
  const download = (id: string, token?: string) =>
    fetch(`${t.url}/api/runs/${id}.gpx`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('gives back a valid GPX 1.1 file that re-imports to the same distance and duration', async () => {
    const a = await t.signUp('Exporter');
    const sim = simulateRun({
      start: daysAgo(2),
      plan: [
        { run: 3000, pace: 300 },
        { stop: 120, logging: 'paused' },
        { run: 2500, pace: 290 },
      ],
      hill: 6,
      newSegmentAfterPause: true,
      seed: 21,
    });
    const run = await importFile(a, 'TCX', garminTcx(sim));
    const res = await download(run.id, a.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/gpx+xml; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="maratron-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.gpx"$/);
    const gpx = await res.text();
    expect(XMLValidator.validate(gpx)).toBe(true);
    expect(gpx).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<gpx version="1.1" creator="Maratron" xmlns="http:\/\/www.topografix.com\/GPX\/1\/1"/,
    );
    expect(gpx.match(/<trkseg>/g)).toHaveLength(2);
    expect(gpx).toContain('<gpxtpx:hr>');
    expect(gpx).toMatch(/<ele>[\d.]+<\/ele><time>/);

    const again = await importFile(a, 'GPX', gpx);
    near(again.distance, run.distance, 0.01);
    near(again.duration, run.duration, 0.01);
    expect(again.startedAt).toBe(run.startedAt);
    expect(again.averageHeartRate).toBe(run.averageHeartRate);
    expect(again.splits).toHaveLength(run.splits.length);
  });

  it.each([
    ['a Garmin Connect GPX', 'GPX', garminConnectGpx],
    ['a FIT file', 'FIT', (sim: SimulatedRun) => fitActivity(sim).toString('base64')],
  ] as const)(
    'exports a run imported from %s with time, elevation and heart rate, and it re-imports within 1 %%',
    async (_what, format, write) => {
      const a = await t.signUp(`RoundTrip${format}`);
      const sim = simulateRun({
        start: daysAgo(3),
        plan: [
          { run: 2000, pace: 300 },
          { stop: 90, logging: 'paused' },
          { run: 2600, pace: 280 },
        ],
        hill: 10,
        newSegmentAfterPause: true,
        seed: 33,
      });
      const run = await importFile(a, format, write(sim));
      const gpx = await (await download(run.id, a.token)).text();
      expect(XMLValidator.validate(gpx)).toBe(true);
      // Every point carries its elevation, time and heart rate.
      const points = gpx.match(/<trkpt [^>]*>.*<\/trkpt>/g)!;
      expect(points.length).toBe(sim.segments.flat().length);
      for (const p of points)
        expect(p).toMatch(/<ele>-?[\d.]+<\/ele><time>[^<]+<\/time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>\d+<\/gpxtpx:hr>/);
      const again = await importFile(a, 'GPX', gpx);
      near(again.distance, run.distance, 0.01);
      near(again.duration, run.duration, 0.01);
      near(again.elevationGain!, run.elevationGain!, 0.05);
      expect(again.startedAt).toBe(run.startedAt);
      expect(Math.abs(again.averageHeartRate! - run.averageHeartRate!)).toBeLessThanOrEqual(1);
    },
  );

  it('follows the run rules: bearer token, visibility (hidden = 404), and a manual run has no points', async () => {
    const owner = await t.signUp('GpxOwner');
    const other = await t.signUp('GpxOther');
    const gpx = garminConnectGpx(simulateRun({ start: daysAgo(1), plan: [{ run: 1500, pace: 300 }] }));
    const pub = await importFile(owner, 'GPX', gpx, { visibility: 'PUBLIC' });
    const followers = await importFile(owner, 'GPX', gpx, { visibility: 'FOLLOWERS' });
    const priv = await importFile(owner, 'GPX', gpx, { visibility: 'PRIVATE' });

    expect((await download(pub.id)).status).toBe(401);
    expect((await download(pub.id, 'not-a-token')).status).toBe(401);
    expect((await download(pub.id, other.token)).status).toBe(200);
    expect((await download(followers.id, other.token)).status).toBe(404);
    const hidden = await download(priv.id, other.token);
    expect(hidden.status).toBe(404);
    expect(await hidden.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Run not found' } });
    expect((await download(priv.id, owner.token)).status).toBe(200);
    ok(await t.gql(`mutation($u: ID!) { follow(userId: $u) { id } }`, { u: owner.id }, other.token));
    expect((await download(followers.id, other.token)).status).toBe(200);
    expect((await download('not-a-uuid', other.token)).status).toBe(400);

    const manual = ok(
      await t.gql<{ createRun: { id: string } }>(
        `mutation { createRun(input: { startedAt: "${daysAgo(1).toISOString()}", distance: 5000, duration: 1500, name: "Typed" }) { id } }`,
        {},
        owner.token,
      ),
    ).createRun;
    const empty = await (await download(manual.id, owner.token)).text();
    expect(XMLValidator.validate(empty)).toBe(true);
    expect(empty).toContain('<trk><name>Typed</name><type>running</type>');
    expect(empty).not.toContain('<trkpt');
  });
});

describe('Run.splits and Run.track', () => {
  it('are empty/null for typed-in runs and batched: a page costs the same statements for 3 or 15 imported runs', async () => {
    const a = await t.signUp('Batched');
    const manual = ok(
      await t.gql<{ createRun: { splits: { index: number }[]; track: number[][] | null } }>(
        `mutation { createRun(input: { startedAt: "${daysAgo(1).toISOString()}", distance: 5000, duration: 1500 }) { splits { index } track } }`,
        {},
        a.token,
      ),
    ).createRun;
    expect(manual).toEqual({ splits: [], track: null });

    const gpx = garminConnectGpx(simulateRun({ start: daysAgo(2), plan: [{ run: 2100, pace: 300 }], interval: 5 }));
    const page = async () => {
      const before = t.statements.count;
      const runs = ok(
        await t.gql<{ runs: Edges<{ splits: { index: number }[]; track: number[][] | null }> }>(
          `{ runs(first: 20) { edges { node { splits { index } track } } } }`,
          {},
          a.token,
        ),
      ).runs;
      return { statements: t.statements.count - before, runs: runs.edges.length };
    };
    for (let i = 0; i < 3; i++) await importFile(a, 'GPX', gpx);
    const few = await page();
    for (let i = 0; i < 12; i++) await importFile(a, 'GPX', gpx);
    const many = await page();
    expect(few.runs).toBe(4);
    expect(many.runs).toBe(16);
    expect(many.statements).toBe(few.statements);
  });
});

describe('best efforts follow the run', () => {
  it('are whole-run for typed-in runs, recomputed when distance or duration change, moved with the start, gone with the run', async () => {
    const a = await t.signUp('Efforts');
    const efforts = async (runId: string) =>
      (
        await t.sql<{ distance: string; duration: number; started_at: Date }>(
          `SELECT distance, duration, started_at FROM run_efforts WHERE run_id = $1 ORDER BY duration`,
          [runId],
        )
      ).map((r) => [r.distance, r.duration, r.started_at.toISOString()]);
    const start = daysAgo(3).toISOString();
    const run = ok(
      await t.gql<{ createRun: { id: string } }>(
        `mutation { createRun(input: { startedAt: "${start}", distance: 12000, duration: 3600 }) { id } }`,
        {},
        a.token,
      ),
    ).createRun;
    expect(await efforts(run.id)).toEqual([
      ['K5', 1500, start],
      ['K10', 3000, start],
    ]);

    await t.gql(`mutation($id: ID!) { updateRun(id: $id, input: { distance: 10000 }) { id } }`, { id: run.id }, a.token);
    expect(await efforts(run.id)).toEqual([
      ['K5', 1800, start],
      ['K10', 3600, start],
    ]);
    const moved = daysAgo(5).toISOString();
    await t.gql(
      `mutation($id: ID!, $at: DateTime) { updateRun(id: $id, input: { startedAt: $at, name: "Moved" }) { id } }`,
      { id: run.id, at: moved },
      a.token,
    );
    expect(await efforts(run.id)).toEqual([
      ['K5', 1800, moved],
      ['K10', 3600, moved],
    ]);

    // An imported run keeps its track-derived efforts on a rename; a corrected distance makes them whole-run.
    const sim = tempo(daysAgo(2));
    const imported = await importFile(a, 'GPX', garminConnectGpx(sim));
    const fromTrack = await efforts(imported.id);
    expect(fromTrack[0][1]).toBeLessThan(1400);
    await t.gql(`mutation($id: ID!) { updateRun(id: $id, input: { name: "Renamed" }) { id } }`, { id: imported.id }, a.token);
    expect(await efforts(imported.id)).toEqual(fromTrack);
    await t.gql(`mutation($id: ID!) { updateRun(id: $id, input: { distance: 10500 }) { id } }`, { id: imported.id }, a.token);
    expect((await efforts(imported.id))[0][1]).toBe(Math.round((imported.duration * 5000) / 10500));

    await t.gql(`mutation($id: ID!) { deleteRun(id: $id) }`, { id: imported.id }, a.token);
    expect(await efforts(imported.id)).toEqual([]);
    expect(await t.sql(`SELECT count(*)::int AS n FROM run_tracks WHERE run_id = $1`, [imported.id])).toEqual([{ n: 0 }]);
  });
});
