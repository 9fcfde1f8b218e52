// Files built to hurt, against real gateway processes: a few kB of gzip that inflate to millions of
// nested or repeated elements, files past the point and size limits, a FIT that decodes into
// hundreds of MB, zip entries that are bombs, a runner filling the import queue. Each is refused
// (BAD_USER_INPUT, or that entry's failure in its import job) while /healthz keeps answering within
// a second: the files are read on worker threads, never on the event loop.
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { Client } from 'pg';
import { simulateRun, stravaGpx } from './activity-files';
import { fitActivity } from './fit-files';
import { TEST_PASSWORD } from './harness';
import { freshGql, freshRequest } from './fresh-http';
import { expectHealthyThroughout, watchHealth } from './health-watch';
import { launchGateway, stopAll } from './processes';
import type { GatewayProcess } from './processes';

// CommonJS build of the package (its type declarations are for the ES module).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { FitEncoder } = require('fit-file-parser') as {
  FitEncoder: (new () => {
    writeMessage(global: number, fields: { number: number; size: number; baseType: number; value: number }[], local?: number): unknown;
    close(): Uint8Array;
  }) & { toFitTimestamp(date: Date): number; calculateCRC(bytes: Uint8Array): number };
};

jest.setTimeout(180_000);

const schemas: string[] = [];
/** Default limits (and the default cap of 3 imports per runner). */
let gw: GatewayProcess;
/** Small limits: 2,000 points, 1 MiB decoded. */
let small: GatewayProcess;
/** A 0.5 s time budget on one reading thread, elements almost unbounded; uploads accepted but never processed (no worker). */
let slow: GatewayProcess;

async function start(env: Record<string, string>): Promise<GatewayProcess> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  schemas.push(schema);
  const gateway = await launchGateway(schema, env);
  await gateway.ready();
  return gateway;
}

beforeAll(async () => {
  [gw, small, slow] = await Promise.all([
    start({}),
    start({ ACTIVITY_MAX_POINTS: '2000', ACTIVITY_MAX_DECODED_BYTES: String(1024 * 1024) }),
    start({ ACTIVITY_PARSE_TIMEOUT_MS: '500', ACTIVITY_PARSE_THREADS: '1', ACTIVITY_MAX_ELEMENTS: '100000000', IMPORT_WORKER: 'false' }),
  ]);
});

afterAll(async () => {
  await stopAll();
  const admin = new Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${s} CASCADE; DROP SCHEMA IF EXISTS pgboss_${s} CASCADE`);
  await admin.end();
});

let n = 0;
async function signUp(gateway: GatewayProcess, name: string) {
  const username = `${name.toLowerCase()}${++n}${randomBytes(3).toString('hex')}`;
  const res = await freshGql<{ signUp: { token: string; user: { id: string } } }>(
    gateway.base,
    `mutation($i: SignUpInput!) { signUp(input: $i) { token user { id } } }`,
    {
      i: { email: `${username}@example.com`, password: TEST_PASSWORD, name, username },
    },
  );
  return { token: res.data!.signUp.token, id: res.data!.signUp.user.id };
}

const IMPORT = `mutation($f: ActivityFormat!, $c: String!) { importActivity(format: $f, content: $c) { id } }`;
const base64Gzip = (text: string | Uint8Array) => gzipSync(text).toString('base64');
const day = (d: number) => new Date(Date.UTC(2025, 4, d, 7, 0, 0));
const sim = (d: number, interval = 2) => simulateRun({ start: day(d), plan: [{ run: 5000, pace: 300 }], interval, seed: d });

/** The refusal of an importActivity, checked to be BAD_USER_INPUT on `content`. */
async function refusal(gateway: GatewayProcess, token: string, format: string, content: string): Promise<string> {
  const res = await freshGql(gateway.base, IMPORT, { f: format, c: content }, token);
  expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'content' });
  return res.errors![0].message;
}

async function runCount(gateway: GatewayProcess, token: string): Promise<number> {
  return (await freshGql<{ runs: { totalCount: number } }>(gateway.base, `{ runs { totalCount } }`, {}, token)).data!.runs.totalCount;
}

async function upload(gateway: GatewayProcess, token: string, zip: Uint8Array) {
  const res = await freshRequest(`${gateway.base}/api/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/zip' },
    body: zip,
  });
  return { status: res.status, body: res.json() as { id?: string; error?: { code: string; message: string } } };
}

interface Job {
  status: string;
  total: number;
  imported: number;
  skipped: number;
  failed: number;
  problems: { file: string; message: string }[];
  createdAt: string;
  finishedAt: string | null;
}

const JOB = `status total imported skipped failed problems { file message } createdAt finishedAt`;

async function finished(gateway: GatewayProcess, token: string, id: string): Promise<Job> {
  for (let i = 0; i < 600; i++) {
    const job = (await freshGql<{ importJob: Job }>(gateway.base, `query($id: ID!) { importJob(id: $id) { ${JOB} } }`, { id }, token)).data!
      .importJob;
    if (job.status === 'DONE' || job.status === 'FAILED') return job;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`import ${id} did not finish`);
}

/**
 * A valid FIT file of `records` identical records, built by repeating one record's bytes (the FIT
 * encoder would take seconds for millions): ~14 bytes each, so 1.7 million are 24 MB that gzip to
 * ~45 kB — the shape of the 170 kB gzipped FIT that decoded for 5 s at 800 MB.
 */
function fitBomb(records: number): Buffer {
  const enc = new FitEncoder();
  const ts = FitEncoder.toFitTimestamp(day(20));
  enc.writeMessage(
    0,
    [
      { number: 0, size: 1, baseType: 0x00, value: 4 },
      { number: 4, size: 4, baseType: 0x86, value: ts },
    ],
    0,
  );
  const record = [
    { number: 253, size: 4, baseType: 0x86, value: ts },
    { number: 0, size: 4, baseType: 0x85, value: 600_000_000 },
    { number: 1, size: 4, baseType: 0x85, value: 20_000_000 },
    { number: 3, size: 1, baseType: 0x02, value: 150 },
  ];
  enc.writeMessage(20, record, 1);
  const one = Buffer.from(enc.close());
  const recordSize = 1 + 4 + 4 + 4 + 1;
  const head = one.subarray(14, one.length - 2);
  const last = head.subarray(head.length - recordSize);
  const data = Buffer.alloc(head.length + recordSize * (records - 1));
  head.copy(data);
  for (let at = head.length; at < data.length; at += recordSize) last.copy(data, at);
  const header = Buffer.from(one.subarray(0, 14));
  header.writeUInt32LE(data.length, 4);
  header.writeUInt16LE(FitEncoder.calculateCRC(header.subarray(0, 12)), 12);
  const file = Buffer.concat([header, data, Buffer.alloc(2)]);
  file.writeUInt16LE(FitEncoder.calculateCRC(file.subarray(0, file.length - 2)), file.length - 2);
  return file;
}

describe('activity files past the limits, while /healthz keeps answering', () => {
  it('refuses a gzip of millions of nested elements (a few kB) at the nesting limit', async () => {
    const bomb = base64Gzip(`<?xml version="1.0"?><gpx version="1.1">${'<a>'.repeat(3_500_000)}`);
    const runner = await signUp(gw, 'Nested');
    expect(bomb.length).toBeLessThan(32 * 1024);
    const health = watchHealth(gw.base);
    const messages = await Promise.all([1, 2, 3].map(() => refusal(gw, runner.token, 'GPX', bomb)));
    await expectHealthyThroughout(health);
    expect(messages).toEqual(Array(3).fill('The GPX file nests elements more than 32 deep'));
    expect(await runCount(gw, runner.token)).toBe(0);
  });

  it('refuses a gzip of millions of elements side by side at the element limit', async () => {
    const bomb = base64Gzip(`<gpx version="1.1">${'<a/>'.repeat(5_000_000)}</gpx>`);
    const runner = await signUp(gw, 'Flat');
    const health = watchHealth(gw.base);
    const message = await refusal(gw, runner.token, 'GPX', bomb);
    await expectHealthyThroughout(health);
    expect(message).toBe('The GPX file has more than 2,000,000 elements');
  });

  it('refuses a FIT that decodes into millions of records, stopping its thread (memory or time)', async () => {
    const bomb = gzipSync(fitBomb(1_700_000), { level: 9 }).toString('base64');
    expect(bomb.length).toBeLessThan(200 * 1024);
    const good = fitActivity(sim(21)).toString('base64');
    const runner = await signUp(gw, 'Fit');
    const health = watchHealth(gw.base);
    const message = await refusal(gw, runner.token, 'FIT', bomb);
    await expectHealthyThroughout(health);
    expect(message).toMatch(
      /^The FIT file (needs more memory to read than one file may use|takes longer than 10 s to read|has more than 100,000 recorded points)$/,
    );
    // The gateway goes on reading good files.
    expect((await freshGql(gw.base, IMPORT, { f: 'FIT', c: good }, runner.token)).errors).toBeUndefined();
  });

  it('refuses files past ACTIVITY_MAX_POINTS (GPX and FIT) and a gzip past ACTIVITY_MAX_DECODED_BYTES', async () => {
    const long = sim(22, 1); // 1,501 points at one a second
    const longer = simulateRun({ start: day(23), plan: [{ run: 10_000, pace: 300 }], seed: 23 }); // 3,001 points
    const [gpx, tooLong, tooLongFit, inflating] = [
      stravaGpx(long),
      stravaGpx(longer),
      fitActivity(longer).toString('base64'),
      base64Gzip(' '.repeat(2 * 1024 * 1024)),
    ];
    const runner = await signUp(small, 'Limits');
    const health = watchHealth(small.base);
    expect((await freshGql(small.base, IMPORT, { f: 'GPX', c: gpx }, runner.token)).errors).toBeUndefined();
    expect(await refusal(small, runner.token, 'GPX', tooLong)).toBe('The GPX file has more than 2,000 recorded points');
    expect(await refusal(small, runner.token, 'FIT', tooLongFit)).toBe('The FIT file has more than 2,000 recorded points');
    expect(await refusal(small, runner.token, 'GPX', inflating)).toBe('The GPX file is larger than 1 MB once decompressed');
    await expectHealthyThroughout(health);
    expect(await runCount(small, runner.token)).toBe(1);
  });

  it('stops reading a file past ACTIVITY_PARSE_TIMEOUT_MS and ends its thread', async () => {
    const flood = base64Gzip(`<gpx version="1.1">${'<a/>'.repeat(6_000_000)}</gpx>`);
    const [first, next] = [stravaGpx(sim(24)), stravaGpx(sim(25))];
    const runner = await signUp(slow, 'Slow');
    // An ordinary file reads well within the budget (the budget leaves out the thread's start-up).
    expect((await freshGql(slow.base, IMPORT, { f: 'GPX', c: first }, runner.token)).errors).toBeUndefined();
    const health = watchHealth(slow.base);
    expect(await refusal(slow, runner.token, 'GPX', flood)).toBe('The GPX file takes longer than 0.5 s to read');
    // A new thread takes the next file.
    expect((await freshGql(slow.base, IMPORT, { f: 'GPX', c: next }, runner.token)).errors).toBeUndefined();
    await expectHealthyThroughout(health);
    expect(await runCount(slow, runner.token)).toBe(2);
  });
});

describe('archives', () => {
  it('refuses an archive whose entry under 1 MiB is compressed like a bomb', async () => {
    const runner = await signUp(gw, 'SmallBomb');
    const zip = zipSync({ 'activities/tiny.gpx': new TextEncoder().encode('<a/>'.repeat(225_000)) });
    const res = await upload(gw, runner.token, zip);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/^the archive entry activities\/tiny\.gpx is compressed \d+:1, which only a zip bomb is$/),
    });
  });

  it('refuses an archive whose 25 MB entry comes from ~160 kB (a 167:1 entry)', async () => {
    const entry = Buffer.alloc(25 * 1024 * 1024, 'a');
    let seed = 7;
    for (let i = 0; i < entry.length; i += 600) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      entry[i] = 48 + ((seed >>> 16) % 10);
      entry[i + 1] = 48 + ((seed >>> 20) % 10);
    }
    const zip = zipSync({ 'activities/big.gpx': entry }, { level: 6 });
    expect(zip.length).toBeLessThan(200 * 1024);
    const runner = await signUp(gw, 'BigBomb');
    const health = watchHealth(gw.base);
    const res = await upload(gw, runner.token, zip);
    await expectHealthyThroughout(health);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/^the archive entry activities\/big\.gpx is compressed 1\d\d:1/),
    });
  });

  it('reports an entry past the per-file size, a nested bomb and a ride as those files’ problems, importing the rest', async () => {
    // 2 MB that deflate about 2:1 (random hex), past small's 1 MiB per file.
    const big = new TextEncoder().encode(`<gpx>${randomBytes(1024 * 1024).toString('hex')}</gpx>`);
    const zip = zipSync({
      'a/big.gpx': big,
      'a/nested.gpx.gz': gzipSync(`<gpx>${'<a>'.repeat(200_000)}`),
      'a/ride.gpx': new TextEncoder().encode(stravaGpx(sim(26)).replace('<type>running</type>', '<type>cycling</type>')),
      'a/good.gpx': new TextEncoder().encode(stravaGpx(sim(27))),
    });
    const runner = await signUp(small, 'Entries');
    const health = watchHealth(small.base);
    const { status, body } = await upload(small, runner.token, zip);
    expect(status).toBe(202);
    const job = await finished(small, runner.token, body.id!);
    await expectHealthyThroughout(health);
    expect(job).toMatchObject({ status: 'DONE', total: 4, imported: 1, skipped: 1, failed: 2 });
    const problems = Object.fromEntries(job.problems.map((p: { file: string; message: string }) => [p.file, p.message]));
    expect(problems).toEqual({
      'a/big.gpx': 'the GPX file is larger than 1 MB',
      'a/nested.gpx.gz': 'The GPX file nests elements more than 32 deep',
      'a/ride.gpx': 'The file is a cycling activity, not a run; only runs can be imported',
    });
  });
});

describe('the import queue', () => {
  const archive = (days: number[]) =>
    zipSync(Object.fromEntries(days.map((d) => [`run-${d}.gpx`, new TextEncoder().encode(stravaGpx(sim(d)))])));

  it('refuses a runner’s upload past IMPORT_MAX_QUEUED_PER_USER imports waiting or running, with 429', async () => {
    const runner = await signUp(slow, 'Queue');
    const other = await signUp(slow, 'Other');
    // slow has no worker: the jobs stay QUEUED.
    for (const d of [1, 2, 3]) expect((await upload(slow, runner.token, archive([d]))).status).toBe(202);
    const fourth = await upload(slow, runner.token, archive([4]));
    expect(fourth.status).toBe(429);
    expect(fourth.body.error).toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/3 imports waiting or running \(at most 3\)/),
    });
    expect(
      (await freshGql<{ importJobs: { id: string }[] }>(slow.base, `{ importJobs(first: 10) { id } }`, {}, runner.token)).data!.importJobs,
    ).toHaveLength(3);
    // Another runner's queue is their own.
    expect((await upload(slow, other.token, archive([5]))).status).toBe(202);
  });

  it('takes one runner’s single upload before another runner’s later ones (fair between runners)', async () => {
    // Built first: the watch below runs on this process's event loop too.
    const archivesOfA = [0, 1, 2].map((k) => archive(Array.from({ length: 40 }, (_, i) => 1 + k * 40 + i)));
    const archiveOfB = archive([3]);
    const a = await signUp(gw, 'Busy');
    const b = await signUp(gw, 'Quiet');
    const health = watchHealth(gw.base);
    const ids: string[] = [];
    for (const zip of archivesOfA) {
      const res = await upload(gw, a.token, zip);
      expect(res.status).toBe(202);
      ids.push(res.body.id!);
    }
    const single = await upload(gw, b.token, archiveOfB);
    expect(single.status).toBe(202);
    const jobsOfA = await Promise.all(ids.map((id) => finished(gw, a.token, id)));
    const jobOfB = await finished(gw, b.token, single.body.id!);
    await expectHealthyThroughout(health);
    expect([...jobsOfA, jobOfB].map((j) => j.status)).toEqual(['DONE', 'DONE', 'DONE', 'DONE']);
    const lastOfA = Math.max(...jobsOfA.map((j) => new Date(j.finishedAt!).getTime()));
    expect(new Date(jobOfB.finishedAt!).getTime()).toBeLessThan(lastOfA);
  });
});
