import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { TEST_JWT_SECRET } from './harness';
import type { GqlResponse, GqlResult } from './harness';

export const MAIN = path.resolve(__dirname, '..', 'dist', 'main.js');

/**
 * Every gateway process this test file started and that has not exited. A test that fails
 * half-way must not leave one running: it would hold Jest's output pipe open and Jest would
 * never exit. Suites call `stopAll()` after each test; the exit hook is the last resort.
 */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface GatewayProcess {
  child: ChildProcess;
  base: string;
  wsUrl: string;
  gql<T = unknown>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResponse<T>>;
}

/**
 * A real `node gateway/dist/main.js` over the given database schema (as a replica would run),
 * started without waiting; `ready()` resolves once /readyz answers 200.
 */
export async function launchGateway(
  schema: string,
  env: Record<string, string> = {},
): Promise<GatewayProcess & { ready(): Promise<void> }> {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first (npm test runs tsc -b)`);
  const port = await freePort();
  // Each process also serves its own ai-server (MCP) unless AI_SERVER_URL names one.
  const aiPort = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'maratron-process-'));
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      PORT: String(port),
      AI_SERVER_PORT: String(aiPort),
      HOST: '127.0.0.1',
      DATABASE_SCHEMA: schema,
      JWT_SECRET: TEST_JWT_SECRET,
      DATA_DIR: dataDir,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'error',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  running.add(child);
  child.once('exit', () => {
    running.delete(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    child,
    base,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    async gql<T>(query: string, variables: Record<string, unknown> = {}, token?: string) {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as GqlResult<T>) };
    },
    async ready() {
      const deadline = Date.now() + 60_000;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`gateway exited early (${child.exitCode})`);
        if (Date.now() > deadline) throw new Error('gateway did not become ready');
        if ((await fetch(`${base}/readyz`).catch(() => null))?.ok) return;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}

export async function spawnGateway(schema: string, env: Record<string, string> = {}): Promise<GatewayProcess> {
  const gateway = await launchGateway(schema, env);
  await gateway.ready();
  return gateway;
}

/** How long a stopping gateway gets before it is killed (its own shutdown deadline is shorter). */
const STOP_DEADLINE_MS = 20_000;

/** Stops a process with SIGTERM (SIGKILL if it has not exited in time); resolves with its exit code. */
export function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), STOP_DEADLINE_MS);
    child.once('exit', (code) => {
      clearTimeout(kill);
      resolve(code);
    });
    child.kill('SIGTERM');
  });
}

/** Stops every gateway process still running. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map(stop));
}
