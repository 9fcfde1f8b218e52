// POST /api/imports: a Strava-style export archive built here (activities.csv + GPX/TCX/FIT, some
// gzipped, one corrupt, one duplicate, two rides), followed over importProgress to DONE; unsafe
// and oversized archives refused at upload.
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { garminTcx, simulateRun, stravaGpx } from './activity-files';
import { FIT_SPORT, fitActivity } from './fit-files';
import { ok, startTestGateway } from './harness';
import type { TestGateway, TestUser } from './harness';
import { connectLive } from './live';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());

const day = (n: number) => new Date(Date.UTC(2025, 2, n, 7, 0, 0));
const sim = (n: number, metres = 5000) => simulateRun({ start: day(n), plan: [{ run: metres, pace: 300 }], seed: n });

/** POST /api/imports answers 202 with the job's id, or an error. */
interface UploadAnswer {
  id?: string;
  error?: { code: string; message: string; field?: string };
}

interface Job {
  id: string;
  status: string;
  fileName: string | null;
  total: number;
  imported: number;
  skipped: number;
  failed: number;
  problems: { file: string; message: string }[];
  createdAt: string;
  finishedAt: string | null;
}

async function upload(user: TestUser, zip: Uint8Array, headers: Record<string, string> = {}, gateway = t) {
  const res = await fetch(`${gateway.url}/api/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/zip', ...headers },
    body: zip,
  });
  return { status: res.status, body: (await res.json()) as UploadAnswer };
}

const JOB = `id status fileName total imported skipped failed problems { file message } createdAt finishedAt`;

/** Rewrites the uncompressed size `name` declares in a zip (fflate's: no data descriptors, no zip64). */
function declareSize(zip: Uint8Array, name: string, size: (actual: number) => number) {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const named = (at: number, nameAt: number, lengthAt: number) =>
    new TextDecoder().decode(zip.subarray(at + nameAt, at + nameAt + view.getUint16(at + lengthAt, true))) === name;
  for (let at = 0; at + 46 <= zip.length; at++) {
    const signature = view.getUint32(at, true);
    if (signature === 0x04034b50 && named(at, 30, 26)) view.setUint32(at + 22, size(view.getUint32(at + 22, true)), true);
    if (signature === 0x02014b50 && named(at, 46, 28)) view.setUint32(at + 24, size(view.getUint32(at + 24, true)), true);
  }
}

describe('bulk import of a Strava export', () => {
  it('imports runs with their csv names and dates, skips duplicates and rides, reports the corrupt file, live', async () => {
    const runner = await t.signUp('Bulk');
    // Already stored: the archive's activity 6 duplicates it.
    ok(await t.gql(`mutation($c: String!) { importActivity(format: GPX, content: $c) { id } }`, { c: stravaGpx(sim(6)) }, runner.token));

    const csv = [
      'Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Filename,Distance',
      '1,"Mar 1, 2025, 7:00:00 AM",Morning tempo,Run,Felt good,1500,5.0,activities/1.gpx,5000',
      '2,"Mar 2, 2025, 7:00:00 AM",Long TCX,Run,,1500,5.0,activities/2.tcx.gz,5000',
      '3,"Mar 3, 2025, 7:00:00 AM",Watch run,Run,,1500,5.0,activities/3.fit,5000',
      '4,"Mar 4, 2025, 7:00:00 AM",Zipped watch run,Run,,1500,5.0,activities/4.fit.gz,5000',
      '5,"Mar 5, 2025, 7:00:00 AM",Broken,Run,,1500,5.0,activities/5.gpx,5000',
      '6,"Mar 6, 2025, 7:00:00 AM",Again,Run,,1500,5.0,activities/6.gpx,5000',
      '7,"Mar 7, 2025, 7:00:00 AM",Commute,Ride,,1500,5.0,activities/7.fit,5000',
      '8,"Mar 8, 2025, 7:00:00 AM",Manual entry,Run,,1500,5.0,,5000',
    ].join('\n');
    const zip = zipSync({
      'activities.csv': new TextEncoder().encode(csv),
      'activities/1.gpx': new TextEncoder().encode(stravaGpx(sim(1))),
      'activities/2.tcx.gz': gzipSync(garminTcx(sim(2))),
      'activities/3.fit': fitActivity(sim(3)),
      'activities/4.fit.gz': gzipSync(fitActivity(sim(4))),
      'activities/5.gpx': new TextEncoder().encode('<gpx><trk><trkseg><trkpt lat="1"'),
      'activities/6.gpx': new TextEncoder().encode(stravaGpx(sim(6))),
      'activities/7.fit': fitActivity(sim(7), { sport: FIT_SPORT.cycling }),
      'activities/9.fit': fitActivity(sim(9), { sport: FIT_SPORT.cycling }),
      'media/photo.jpg': new Uint8Array([0xff, 0xd8, 0xff]),
    });

    const { status, body } = await upload(runner, zip, { 'x-file-name': 'export_123.zip' });
    expect(status).toBe(202);
    const live = connectLive(t.wsUrl, runner.token);
    const progress = live.subscribe<{ importProgress: Job }>(`subscription($id: ID!) { importProgress(jobId: $id) { ${JOB} } }`, {
      id: body.id,
    });
    let job: Job;
    do job = (await progress.next()).data!.importProgress;
    while (job.status !== 'DONE' && job.status !== 'FAILED');
    await live.dispose();

    expect(job).toMatchObject({ status: 'DONE', fileName: 'export_123.zip', total: 8, imported: 4, skipped: 3, failed: 1 });
    expect(job.finishedAt).not.toBeNull();
    const problems = Object.fromEntries(job.problems.map((p) => [p.file, p.message]));
    expect(Object.keys(problems).sort()).toEqual(['activities/5.gpx', 'activities/6.gpx', 'activities/7.fit', 'activities/9.fit']);
    expect(problems['activities/6.gpx']).toMatch(/duplicate/);
    expect(problems['activities/7.fit']).toMatch(/Ride activity, not a run/);
    expect(problems['activities/9.fit']).toMatch(/cycling activity, not a run/);
    expect(problems['activities/5.gpx']).toMatch(/not well-formed/);

    const runs = await t.sql(`SELECT name, started_at, notes FROM runs WHERE user_id = $1 ORDER BY started_at`, [runner.id]);
    expect(runs.map((r) => r.name)).toEqual(['Morning tempo', 'Long TCX', 'Watch run', 'Zipped watch run', 'Lunch Run']);
    expect(runs[0]).toMatchObject({ started_at: day(1), notes: 'Felt good' });

    const listed = ok(
      await t.gql<{ importJobs: { id: string; status: string }[] }>(`{ importJobs(first: 5) { id status } }`, {}, runner.token),
    ).importJobs;
    expect(listed).toEqual([{ id: body.id, status: 'DONE' }]);
    const stranger = await t.signUp('Stranger');
    expect(
      ok(
        await t.gql<{ importJob: { id: string } | null }>(`query($id: ID!) { importJob(id: $id) { id } }`, { id: body.id }, stranger.token),
      ).importJob,
    ).toBeNull();
    const [row] = await t.sql(`SELECT count(*)::int AS n FROM import_jobs WHERE user_id = $1`, [runner.id]);
    expect(row.n).toBe(1);
  });

  it('imports one copy of a run that the archive holds twice (GPX and TCX of the same recording)', async () => {
    const runner = await t.signUp('Twice');
    const zip = zipSync({
      'a/run.gpx': new TextEncoder().encode(stravaGpx(sim(14))),
      'b/run.tcx': new TextEncoder().encode(garminTcx(sim(14))),
      'c/other.gpx': new TextEncoder().encode(stravaGpx(sim(15))),
    });
    const { status, body } = await upload(runner, zip);
    expect(status).toBe(202);
    let job: Job | null | undefined;
    for (let i = 0; i < 100 && job?.status !== 'DONE'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = ok(
        await t.gql<{ importJob: Job | null }>(`query($id: ID!) { importJob(id: $id) { ${JOB} } }`, { id: body.id }, runner.token),
      ).importJob;
    }
    expect(job).toMatchObject({ status: 'DONE', total: 3, imported: 2, skipped: 1, failed: 0 });
    expect(job!.problems).toEqual([{ file: 'b/run.tcx', message: expect.stringMatching(/duplicate/) }]);
    const tracks = await t.sql(`SELECT count(*)::int AS n FROM run_tracks t JOIN runs r ON r.id = t.run_id WHERE r.user_id = $1`, [
      runner.id,
    ]);
    expect(tracks[0].n).toBe(2);
  });

  it('accepts the archive as the one file part of a multipart form', async () => {
    const runner = await t.signUp('Multipart');
    const form = new FormData();
    form.append('archive', new Blob([zipSync({ 'run.gpx': new TextEncoder().encode(stravaGpx(sim(12))) })]), 'garmin.zip');
    const res = await fetch(`${t.url}/api/imports`, { method: 'POST', headers: { authorization: `Bearer ${runner.token}` }, body: form });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as UploadAnswer;
    let job: Job | null | undefined;
    for (let i = 0; i < 100 && job?.status !== 'DONE'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = ok(await t.gql<{ importJob: Job | null }>(`query($id: ID!) { importJob(id: $id) { ${JOB} } }`, { id }, runner.token)).importJob;
    }
    expect(job).toMatchObject({ status: 'DONE', fileName: 'garmin.zip', total: 1, imported: 1 });
  });

  it("names a raw-body upload's job from Content-Disposition (RFC 6266, non-ASCII too), as the web client sends it", async () => {
    const runner = await t.signUp('Disposition');
    const zip = zipSync({ 'run.gpx': new TextEncoder().encode(stravaGpx(sim(13))) });
    const { status, body } = await upload(runner, zip, {
      'content-disposition': `attachment; filename="Lauf Marz.zip"; filename*=UTF-8''Lauf%20M%C3%A4rz.zip`,
    });
    expect(status).toBe(202);
    let job: Job | null | undefined;
    for (let i = 0; i < 100 && job?.status !== 'DONE'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = ok(
        await t.gql<{ importJob: Job | null }>(`query($id: ID!) { importJob(id: $id) { ${JOB} } }`, { id: body.id }, runner.token),
      ).importJob;
    }
    expect(job).toMatchObject({ status: 'DONE', fileName: 'Lauf März.zip' });
  });

  it('refuses an entry that inflates to more or less than its zip directory declares, and imports the rest', async () => {
    const runner = await t.signUp('Liar');
    const zip = zipSync({
      'honest.gpx': new TextEncoder().encode(stravaGpx(sim(21))),
      'longer.gpx': new TextEncoder().encode(stravaGpx(sim(22))),
      'shorter.gpx': new TextEncoder().encode(stravaGpx(sim(23))),
    });
    // Each liar's declared size, in its local header (offset 22) and its central directory entry (offset 24).
    declareSize(zip, 'longer.gpx', (size) => size - 100);
    declareSize(zip, 'shorter.gpx', (size) => size + 100);
    const { status, body } = await upload(runner, zip);
    expect(status).toBe(202);
    const live = connectLive(t.wsUrl, runner.token);
    const progress = live.subscribe<{ importProgress: Job }>(`subscription($id: ID!) { importProgress(jobId: $id) { ${JOB} } }`, {
      id: body.id,
    });
    let job: Job;
    do job = (await progress.next()).data!.importProgress;
    while (job.status !== 'DONE' && job.status !== 'FAILED');
    await live.dispose();
    expect(job).toMatchObject({ status: 'DONE', total: 3, imported: 1, failed: 2 });
    const problems = Object.fromEntries(job.problems.map((p) => [p.file, p.message]));
    expect(problems['longer.gpx']).toMatch(/inflates past/);
    expect(problems['shorter.gpx']).toMatch(/inflates to \d+ bytes, not the \d+/);
  });

  it('refuses unsafe names, archives past the limits and uploads without a token, storing no job', async () => {
    const runner = await t.signUp('Refused');
    const traversal = await upload(runner, zipSync({ '../evil.gpx': new TextEncoder().encode(stravaGpx(sim(1))) }));
    expect(traversal.status).toBe(400);
    expect(traversal.body.error).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(traversal.body.error?.message).toMatch(/relative path|unsafe file name/);
    const absolute = await upload(runner, zipSync({ '/etc/evil.gpx': new TextEncoder().encode('x') }));
    expect(absolute.status).toBe(400);
    const notZip = await upload(runner, new TextEncoder().encode('plain text'));
    expect(notZip.status).toBe(400);
    const anonymous = await fetch(`${t.url}/api/imports`, { method: 'POST', body: 'x' });
    expect(anonymous.status).toBe(401);

    const small = await startTestGateway({
      env: { IMPORT_MAX_UNCOMPRESSED_BYTES: '200000', IMPORT_MAX_UPLOAD_BYTES: '100000', IMPORT_MAX_ENTRIES: '3' },
    });
    try {
      const user = await small.signUp('Small');
      // A 1.5 MB GPX compresses to a few kB: under the upload limit, past the inflated one.
      const bomb = await upload(user, zipSync({ 'big.gpx': new TextEncoder().encode(stravaGpx(sim(1, 20000))) }, { level: 9 }), {}, small);
      expect(bomb.status).toBe(413);
      expect(bomb.body.error?.message).toMatch(/inflates past 200000 bytes/);
      const many = await upload(
        user,
        zipSync({ 'a.gpx': new Uint8Array(1), 'b.gpx': new Uint8Array(1), 'c.gpx': new Uint8Array(1), 'd.gpx': new Uint8Array(1) }),
        {},
        small,
      );
      expect(many.status).toBe(413);
      const huge = await upload(user, new Uint8Array(150_000), {}, small);
      expect(huge.status).toBe(413);
      expect((await small.sql(`SELECT count(*)::int AS n FROM import_jobs`))[0].n).toBe(0);
    } finally {
      await small.close();
    }
    expect((await t.sql(`SELECT count(*)::int AS n FROM import_jobs WHERE user_id = $1`, [runner.id]))[0].n).toBe(0);
  });
});
