import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { TEST_JWT_SECRET } from './harness';
import type { GqlResponse } from './harness';

export const MAIN = path.resolve(__dirname, '..', 'dist', 'main.js');

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
  gql(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResponse>;
}

/**
 * A real `node gateway/dist/main.js` over the given database schema (as a replica would run),
 * started without waiting; `ready()` resolves once /readyz answers 200.
 */
export async function launchGateway(schema: string, env: Record<string, string> = {}): Promise<GatewayProcess & { ready(): Promise<void> }> {
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
  child.once('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const base = `http://127.0.0.1:${port}`;
  return {
    child,
    base,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    async gql(query, variables = {}, token) {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return res.json() as Promise<GqlResponse>;
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

/** Stops a process with SIGTERM; resolves with its exit code. */
export function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}
