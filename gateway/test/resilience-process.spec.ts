// The process-level policy for errors nobody caught (src/process-faults.ts), in a real gateway
// process: a lost promise is logged and the process keeps serving; an uncaught exception shuts it
// down in order with status 1 (clients told, servers stopped), and the embedded PostgreSQL it
// started is stopped, never orphaned.
// The faults are injected from outside by a preloaded script (fault-injector.js) on SIGUSR2.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eventuallyWithin, gqlWithin, healthzWithinASecond } from './bounded-requests';
import { ok, startTestGateway, TEST_PASSWORD } from './harness';
import type { TestGateway } from './harness';
import { connectLive } from './live';
import { launchGateway, spawnGateway, stopAll } from './processes';

jest.setTimeout(180_000);

const INJECTOR = path.join(__dirname, 'fault-injector.js');
const withFault = (fault: 'rejection' | 'exception') => ({
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${INJECTOR}`.trim(),
  MARATRON_TEST_FAULT: fault,
});

/** Whether a process is running (a zombie — exited, not yet reaped by its new parent — is not). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = `/proc/${pid}/stat`;
  return !fs.existsSync(stat) || fs.readFileSync(stat, 'utf8').split(') ')[1]?.[0] !== 'Z';
}

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(async () => {
  await stopAll();
  await t.close();
});

it('logs a promise rejection nobody handled and keeps serving', async () => {
  const g = await spawnGateway(t.schema, withFault('rejection'));
  const runner = await t.signUp('Steady');
  g.child.kill('SIGUSR2');
  g.child.kill('SIGUSR2');
  // Node's default would have ended the process at once.
  await new Promise((r) => setTimeout(r, 1000));
  expect(g.child.exitCode).toBeNull();
  await healthzWithinASecond(g.base);
  expect(ok(await gqlWithin<{ me: { id: string } }>(g.base, `{ me { id } }`, {}, runner.token)).me.id).toBe(runner.id);
});

describe('on an uncaught exception', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'maratron-fatal-'));
  let postmaster = 0;
  afterAll(() => {
    // Whatever the outcome, no PostgreSQL of this test is left running.
    if (postmaster && running(postmaster)) process.kill(postmaster, 'SIGQUIT');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('shuts down cleanly — its WebSocket clients told to reconnect elsewhere (1001) — with status 1, and stops the embedded PostgreSQL', async () => {
    // PostgreSQL runs as the postgres user when the tests run as root: it must reach its folder.
    fs.chmodSync(dataDir, 0o755);
    // No DATABASE_URL: the gateway starts its embedded PostgreSQL in DATA_DIR.
    const g = await launchGateway('maratron', { ...withFault('exception'), DATABASE_URL: '', DATA_DIR: dataDir });
    const exited = new Promise<number | null>((resolve) => g.child.once('exit', (code) => resolve(code)));
    await g.ready();
    postmaster = Number(fs.readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(running(postmaster)).toBe(true);

    const signedUp = ok(
      await gqlWithin<{ signUp: { token: string } }>(g.base, `mutation($i: SignUpInput!) { signUp(input: $i) { token } }`, {
        i: { email: 'fatal@example.com', password: TEST_PASSWORD, name: 'Fatal', username: 'fatal' },
      }),
    ).signUp;
    const live = connectLive(g.wsUrl, signedUp.token);
    live.subscribe(`subscription { notificationAdded { id } }`);
    await live.connected;

    g.child.kill('SIGUSR2');
    expect(await exited).toBe(1);
    // An orderly stop closes sockets as a restart does (1001, "going away"), rather than dropping them (1006).
    expect(await live.closed).toBe(1001);
    await eventuallyWithin(async () => !running(postmaster), 'the embedded PostgreSQL to stop', 30_000);
  });
});
