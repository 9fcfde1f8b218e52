// A database restart in the middle of a bulk import, against a real gateway process on a
// PostgreSQL of its own: the process stays up and /healthz answers within a second throughout, and
// once the database is back the job ends (reported through the API) with every run stored once and
// whole — each batch of runs commits with the job's progress, and the job resumes after the last.
import { randomBytes } from 'node:crypto';
import { zipSync } from 'fflate';
import { Client } from 'pg';
import { simulateRun, stravaGpx } from './activity-files';
import { TEST_PASSWORD } from './harness';
import { freshGql, freshRequest } from './fresh-http';
import { expectHealthyThroughout, statusOf, watchHealth } from './health-watch';
import { launchGateway, stopAll } from './processes';
import type { GatewayProcess } from './processes';
import { startOwnPostgres } from './own-postgres-import';
import type { OwnPostgres } from './own-postgres-import';

jest.setTimeout(240_000);

const FILES = 400;

let db: OwnPostgres;
let gw: GatewayProcess;

beforeAll(async () => {
  db = await startOwnPostgres();
  // No Redis: this gateway is alone with its database.
  const gateway = await launchGateway('maratron', { DATABASE_URL: db.url, REDIS_URL: '', LOG_LEVEL: 'fatal' });
  await gateway.ready();
  gw = gateway;
});

afterAll(async () => {
  await stopAll();
  await db?.destroy();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A GraphQL answer, retried while the database is away (503s and errors are expected then). */
async function gqlWhenUp<T>(query: string, variables: Record<string, unknown>, token: string, deadline: number): Promise<T> {
  for (;;) {
    const res = await freshGql<T>(gw.base, query, variables, token).catch(() => null);
    if (res?.data && !res.errors) return res.data;
    if (Date.now() > deadline) throw new Error(`no answer: ${JSON.stringify(res)}`);
    await sleep(250);
  }
}

it('survives a PostgreSQL restart during a 400-file import, which then ends with every run stored once and whole', async () => {
  // 400 runs of 5.1 km, one a day: each has a track, splits and a 5K best effort. Built first, so
  // that the requests below go out together.
  const zip = zipSync(
    Object.fromEntries(
      Array.from({ length: FILES }, (_, i) => {
        const run = simulateRun({
          start: new Date(Date.UTC(2024, 0, 1 + i, 7)),
          plan: [{ run: 5100, pace: 300 }],
          interval: 3,
          seed: i + 1,
        });
        return [`activities/${i + 1}.gpx`, new TextEncoder().encode(stravaGpx(run))];
      }),
    ),
  );

  const username = `restart${randomBytes(3).toString('hex')}`;
  const signUp = await freshGql<{ signUp: { token: string; user: { id: string } } }>(
    gw.base,
    `mutation($i: SignUpInput!) { signUp(input: $i) { token user { id } } }`,
    {
      i: { email: `${username}@example.com`, password: TEST_PASSWORD, name: 'Restart', username },
    },
  );
  const { token } = signUp.data!.signUp;
  const health = watchHealth(gw.base);
  const res = await freshRequest(`${gw.base}/api/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/zip' },
    body: zip,
  });
  expect(res.status).toBe(202);
  const { id } = res.json() as { id: string };

  // As soon as the first batch is committed: stopped mid-import (a fixed wait let a quiet machine finish
  // all 400 files first).
  type JobProgress = { importJob: { status: string; imported: number } };
  const JOB_PROGRESS = `query($id: ID!) { importJob(id: $id) { status imported } }`;
  let before = (await freshGql<JobProgress>(gw.base, JOB_PROGRESS, { id }, token)).data!.importJob;
  for (let i = 0; i < 800 && before.imported === 0; i++) {
    await sleep(25);
    before = (await freshGql<JobProgress>(gw.base, JOB_PROGRESS, { id }, token)).data!.importJob;
  }
  await db.stopImmediately();
  expect(before.status).toBe('RUNNING');
  expect(before.imported).toBeGreaterThan(0);
  expect(before.imported).toBeLessThan(FILES);
  await sleep(3000);
  // The database is down: the process is still up, and says so.
  expect(gw.child.exitCode).toBeNull();
  expect(await statusOf(`${gw.base}/readyz`)).toBe(503);
  await db.start();

  const deadline = Date.now() + 180_000;
  type Job = { status: string; total: number; imported: number; skipped: number; failed: number; problems: unknown[] };
  let job: Job;
  do {
    await sleep(500);
    job = (
      await gqlWhenUp<{ importJob: Job }>(
        `query($id: ID!) { importJob(id: $id) { status total imported skipped failed problems { file message } } }`,
        { id },
        token,
        deadline,
      )
    ).importJob;
  } while ((job.status === 'QUEUED' || job.status === 'RUNNING') && Date.now() < deadline);

  expect(gw.child.exitCode).toBeNull();
  await expectHealthyThroughout(health);
  expect(job).toEqual({ status: 'DONE', total: FILES, imported: FILES, skipped: 0, failed: 0, problems: [] });

  const sql = new Client({ connectionString: db.url });
  await sql.connect();
  try {
    await sql.query(`SET search_path TO maratron`);
    const [counts] = (
      await sql.query(`SELECT count(*)::int AS runs, count(DISTINCT started_at)::int AS starts,
              count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM run_tracks t WHERE t.run_id = r.id))::int AS "withoutTrack",
              count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM run_efforts e WHERE e.run_id = r.id))::int AS "withoutEfforts"
         FROM runs r`)
    ).rows;
    expect(counts).toEqual({ runs: FILES, starts: FILES, withoutTrack: 0, withoutEfforts: 0 });
  } finally {
    await sql.end();
  }
  // The import shows through the API as it does in the database.
  expect((await freshGql<{ runs: { totalCount: number } }>(gw.base, `{ runs { totalCount } }`, {}, token)).data!.runs.totalCount).toBe(
    FILES,
  );
});
