// GET /api/export: a runner's whole account as a zip, and the round trip through POST /api/imports
// into a fresh account (run count, total distance and duration, names, notes and visibility).
import { strToU8, unzipSync, zipSync } from 'fflate';
import { XMLValidator } from 'fast-xml-parser';
import { garminConnectGpx, simulateRun, stravaGpx } from './activity-files';
import { fitActivity } from './fit-files';
import { ok, startTestGateway } from './harness';
import type { Edges, TestGateway, TestUser } from './harness';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());

const day = (n: number) => new Date(Date.UTC(2025, 4, n, 6, 30, 0));
const sim = (n: number, metres: number) => simulateRun({ start: day(n), plan: [{ run: metres, pace: 290 }], hill: 8, seed: n });

const download = (token?: string) => fetch(`${t.url}/api/export`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
/** One of the archive's JSON files, as the test reads it. */
const json = <T>(files: Record<string, Uint8Array>, name: string) => JSON.parse(new TextDecoder().decode(files[name])) as T;
interface RunsFile {
  runs: { name: string | null; startedAt: string; file: string | null }[];
}
interface ShoesFile {
  shoes: { name: string }[];
}

// A page of 20 (the runner has fewer): each track costs its points, so a page of 100 tracks is over the query cost.
interface RunsPage {
  runs: { totalCount: number } & Edges<{
    name: string | null;
    startedAt: string;
    distance: number;
    duration: number;
    visibility: string;
    notes: string | null;
    track: number[][] | null;
    shoe: { name: string } | null;
  }>;
}
const RUNS = `{ runs(first: 20) { totalCount edges { node { name startedAt distance duration visibility notes track shoe { name } } } } }`;

/** A runner with runs with and without tracks in every visibility, a shoe, a post and a comment. */
async function busyRunner(): Promise<TestUser> {
  const a = await t.signUp('Exported');
  ok(await t.gql(`mutation { createShoe(input: { name: "Pegasus", isDefault: true }) { id } }`, {}, a.token));
  const imp = async (format: string, content: string, visibility: string) =>
    ok(
      await t.gql<{ importActivity: { id: string } }>(
        `mutation($f: ActivityFormat!, $c: String!, $v: Visibility) { importActivity(format: $f, content: $c, visibility: $v) { id } }`,
        { f: format, c: content, v: visibility },
        a.token,
      ),
    ).importActivity.id;
  const park = await imp('GPX', garminConnectGpx(sim(1, 6000)), 'PUBLIC');
  await imp('GPX', stravaGpx(sim(3, 8000), 'Lunch & "hills"'), 'FOLLOWERS');
  await imp('FIT', fitActivity(sim(5, 4200)).toString('base64'), 'PRIVATE');
  // A renamed imported run with notes: the names and notes come from runs.json, not the GPX.
  ok(
    await t.gql(`mutation($id: ID!) { updateRun(id: $id, input: { name: "Park laps <3", notes: "windy" }) { id } }`, { id: park }, a.token),
  );
  for (const [n, visibility, notes] of [
    [2, 'PRIVATE', 'treadmill, typed in'],
    [4, 'FOLLOWERS', null],
  ] as const) {
    ok(
      await t.gql(
        `mutation($input: RunInput!) { createRun(input: $input) { id } }`,
        {
          input: {
            startedAt: day(n).toISOString(),
            distance: 5000 + n * 100,
            duration: 1500 + n * 10,
            name: `Typed ${n}`,
            visibility,
            notes,
          },
        },
        a.token,
      ),
    );
  }
  const post = ok(
    await t.gql<{ createPost: { id: string } }>(
      `mutation($r: ID) { createPost(input: { text: "Good week", runId: $r }) { id } }`,
      { r: park },
      a.token,
    ),
  ).createPost.id;
  ok(await t.gql(`mutation($p: ID!) { addComment(postId: $p, text: "Thanks all") { id } }`, { p: post }, a.token));
  return a;
}

describe('GET /api/export', () => {
  it("streams a zip of the runner's own data: profile without the password hash, lists, one GPX per run with a track", async () => {
    const a = await busyRunner();
    const other = await t.signUp('Commenter');
    ok(
      await t.gql(
        `mutation { createRun(input: { startedAt: "2025-05-02T06:00:00Z", distance: 3000, duration: 900, name: "Not mine" }) { id } }`,
        {},
        other.token,
      ),
    );

    const res = await download(a.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const date = new Date().toISOString().slice(0, 10);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="maratron-export-${a.username}-${date}.zip"`);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const names = Object.keys(files).sort();
    const gpxFiles = names.filter((n) => n.startsWith('activities/'));
    expect(names.filter((n) => !n.startsWith('activities/'))).toEqual([
      'comments.json',
      'plans.json',
      'posts.json',
      'profile.json',
      'runs.json',
      'shoes.json',
    ]);
    expect(gpxFiles).toHaveLength(3);

    const profile = json<{ user: unknown }>(files, 'profile.json');
    expect(profile.user).toMatchObject({ id: a.id, username: a.username });
    expect(JSON.stringify(profile)).not.toMatch(/password|scrypt/i);
    const { runs } = json<RunsFile>(files, 'runs.json');
    expect(runs).toHaveLength(5);
    expect(runs.map((r) => r.name)).toEqual(['Park laps <3', 'Typed 2', 'Lunch & "hills"', 'Typed 4', null]);
    expect(
      runs
        .filter((r) => r.file)
        .map((r) => r.file)
        .sort(),
    ).toEqual(gpxFiles);
    expect(runs[1]).toMatchObject({ file: null, visibility: 'PRIVATE', notes: 'treadmill, typed in', distance: 5200, duration: 1520 });
    for (const file of gpxFiles) {
      const gpx = new TextDecoder().decode(files[file]);
      expect(XMLValidator.validate(gpx)).toBe(true);
      expect(gpx).toMatch(/<ele>[\d.]+<\/ele><time>[^<]+<\/time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>/);
    }
    expect(json<ShoesFile>(files, 'shoes.json').shoes.map((s) => s.name)).toEqual(['Pegasus']);
    expect(json<{ posts: { text: string }[] }>(files, 'posts.json').posts.map((p) => p.text)).toEqual(['Good week']);
    expect(json<{ comments: { text: string }[] }>(files, 'comments.json').comments.map((c) => c.text)).toEqual(['Thanks all']);
    expect(Array.isArray(json<{ plans: unknown }>(files, 'plans.json').plans)).toBe(true);

    expect((await download()).status).toBe(401);
    expect((await download('not-a-token')).status).toBe(401);
  });

  it('imports into a fresh account as the same runs and shoes: count, distance, duration, names, notes, visibility, which shoe', async () => {
    const a = await busyRunner();
    // A worn-out pair that carried one run before it was retired, and a run in no shoe at all.
    const clifton = ok(
      await t.gql<{ createShoe: { id: string } }>(
        `mutation { createShoe(input: { name: "Clifton 8", brand: "Hoka", maxDistance: 600000, initialDistance: 590000 }) { id } }`,
        {},
        a.token,
      ),
    ).createShoe.id;
    ok(
      await t.gql(
        `mutation($s: ID) { createRun(input: { startedAt: "2025-05-06T06:30:00Z", distance: 12000, duration: 3700, name: "Last in the Cliftons", shoeId: $s }) { id } }`,
        { s: clifton },
        a.token,
      ),
    );
    ok(await t.gql(`mutation { retireShoe(id: "${clifton}") { id } }`, {}, a.token));
    ok(
      await t.gql(
        `mutation { createRun(input: { startedAt: "2025-05-07T06:30:00Z", distance: 3000, duration: 1100, name: "Barefoot strides", shoeId: null }) { id } }`,
        {},
        a.token,
      ),
    );
    const zip = new Uint8Array(await (await download(a.token)).arrayBuffer());
    const fresh = await t.signUp('Restored');
    const upload = await fetch(`${t.url}/api/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fresh.token}`, 'content-type': 'application/zip', 'x-file-name': 'export.zip' },
      body: zip,
    });
    expect(upload.status).toBe(202);
    const { id } = (await upload.json()) as { id: string };
    type Job = {
      status: string;
      total: number;
      imported: number;
      skipped: number;
      failed: number;
      problems: { file: string; message: string }[];
    };
    let job: Job | undefined;
    for (let i = 0; i < 200 && job?.status !== 'DONE' && job?.status !== 'FAILED'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = ok(
        await t.gql<{ importJob: Job }>(
          `query($id: ID!) { importJob(id: $id) { status total imported skipped failed problems { file message } } }`,
          { id },
          fresh.token,
        ),
      ).importJob;
    }
    expect(job).toEqual({ status: 'DONE', total: 7, imported: 7, skipped: 0, failed: 0, problems: [] });

    const before = ok(await t.gql<RunsPage>(RUNS, {}, a.token)).runs;
    const after = ok(await t.gql<RunsPage>(RUNS, {}, fresh.token)).runs;
    expect(after.totalCount).toBe(before.totalCount);
    const sum = (runs: RunsPage['runs'], key: 'distance' | 'duration') => runs.edges.reduce((s, e) => s + e.node[key], 0);
    expect(Math.abs(sum(after, 'distance') - sum(before, 'distance'))).toBeLessThanOrEqual(sum(before, 'distance') * 0.01);
    expect(Math.abs(sum(after, 'duration') - sum(before, 'duration'))).toBeLessThanOrEqual(sum(before, 'duration') * 0.01);
    const shape = (runs: RunsPage['runs']) =>
      runs.edges.map(({ node: r }) => ({
        name: r.name,
        startedAt: r.startedAt,
        visibility: r.visibility,
        notes: r.notes,
        tracked: r.track !== null,
        shoe: r.shoe?.name ?? null,
      }));
    expect(shape(after)).toEqual(shape(before));
    expect(
      shape(after)
        .filter((r) => r.shoe !== 'Pegasus')
        .map((r) => [r.name, r.shoe]),
    ).toEqual([
      ['Barefoot strides', null],
      ['Last in the Cliftons', 'Clifton 8'],
    ]);

    // The shoes themselves: same pairs, same wear, the retired one retired, the default the default.
    const SHOES = `{ shoes(includeRetired: true) { name brand maxDistance distance runCount retired isDefault } }`;
    type Shoes = {
      shoes: {
        name: string;
        brand: string | null;
        maxDistance: number;
        distance: number;
        runCount: number;
        retired: boolean;
        isDefault: boolean;
      }[];
    };
    const byName = <T extends { name: string }>(list: T[]) => [...list].sort((x, y) => x.name.localeCompare(y.name));
    const restored = byName(ok(await t.gql<Shoes>(SHOES, {}, fresh.token)).shoes);
    const original = byName(ok(await t.gql<Shoes>(SHOES, {}, a.token)).shoes);
    // Distance within the runs' own tolerance: a re-imported GPX measures to within a metre or so.
    expect(restored.map(({ distance, ...rest }) => rest)).toEqual(original.map(({ distance, ...rest }) => rest));
    restored.forEach((shoe, i) => expect(Math.abs(shoe.distance - original[i].distance)).toBeLessThanOrEqual(original[i].distance * 0.01));
    expect(restored.map((s) => [s.name, s.runCount, s.retired, s.isDefault])).toEqual([
      ['Clifton 8', 1, true, false],
      ['Pegasus', 5, false, true],
    ]);

    // The same export again: every run a duplicate, and no second pair of anything.
    const again = await fetch(`${t.url}/api/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fresh.token}`, 'content-type': 'application/zip', 'x-file-name': 'export.zip' },
      body: zip,
    });
    const second = (await again.json()) as { id: string };
    let repeat: { status: string; imported: number; skipped: number } | undefined;
    for (let i = 0; i < 200 && repeat?.status !== 'DONE' && repeat?.status !== 'FAILED'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      repeat = ok(
        await t.gql<{ importJob: { status: string; imported: number; skipped: number } }>(
          `query($id: ID!) { importJob(id: $id) { status imported skipped } }`,
          { id: second.id },
          fresh.token,
        ),
      ).importJob;
    }
    expect(repeat).toEqual({ status: 'DONE', imported: 0, skipped: 7 });
    expect(ok(await t.gql<Shoes>(SHOES, {}, fresh.token)).shoes).toHaveLength(2);
  });

  it("refuses an export whose runs.json or shoes.json is not the export's format, naming the file and the place, storing no run", async () => {
    const a = await busyRunner();
    const files = unzipSync(new Uint8Array(await (await download(a.token)).arrayBuffer()));
    /** The export with one of its JSON files edited. */
    const edited = <D>(name: string, edit: (doc: D) => unknown) =>
      zipSync({ ...files, [name]: strToU8(JSON.stringify(edit(json<D>(files, name)))) });
    const fresh = await t.signUp('Refused');
    const importJob = async (zip: Uint8Array) => {
      const upload = await fetch(`${t.url}/api/imports`, {
        method: 'POST',
        headers: { authorization: `Bearer ${fresh.token}`, 'content-type': 'application/zip', 'x-file-name': 'export.zip' },
        body: zip,
      });
      expect(upload.status).toBe(202);
      const { id } = (await upload.json()) as { id: string };
      type Job = { status: string; imported: number; failed: number; problems: { file: string; message: string }[] };
      let job: Job | undefined;
      for (let i = 0; i < 200 && job?.status !== 'DONE' && job?.status !== 'FAILED'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        job = ok(
          await t.gql<{ importJob: Job }>(
            `query($id: ID!) { importJob(id: $id) { status imported failed problems { file message } } }`,
            { id },
            fresh.token,
          ),
        ).importJob;
      }
      return job;
    };

    // A start time written as a number (epoch milliseconds) instead of the export's ISO text.
    const epoch = edited<RunsFile>('runs.json', ({ runs }) => ({
      runs: runs.map((r, i) => (i === 1 ? { ...r, startedAt: Date.parse(r.startedAt) } : r)),
    }));
    expect(await importJob(epoch)).toEqual({
      status: 'FAILED',
      imported: 0,
      failed: 0,
      problems: [
        { file: 'export.zip', message: 'runs.json: runs[1].startedAt: expected a date and time such as 2025-03-01T08:00:00.000Z' },
      ],
    });
    // A shoe without its name, and a list under another key.
    const nameless = edited<ShoesFile>('shoes.json', ({ shoes }) => ({ shoes: shoes.map(({ name: _name, ...shoe }) => shoe) }));
    expect((await importJob(nameless))!.problems).toEqual([
      { file: 'export.zip', message: 'shoes.json: shoes[0].name: Invalid input: expected string, received undefined' },
    ]);
    const renamed = edited<RunsFile>('runs.json', ({ runs }) => ({ activities: runs }));
    expect((await importJob(renamed))!.problems).toEqual([
      { file: 'export.zip', message: 'runs.json: runs: Invalid input: expected array, received undefined' },
    ]);
    expect(ok(await t.gql<{ runs: { totalCount: number } }>(`{ runs { totalCount } }`, {}, fresh.token)).runs.totalCount).toBe(0);
  });
});
