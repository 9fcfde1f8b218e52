import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { redisUrlOrSkip, startTestGateway, TEST_JWT_SECRET, TEST_PASSWORD } from './harness';
import type { GqlResponse, TestGateway } from './harness';
import { connectLive } from './live';
import type { LiveClient } from './live';

const redisUrl = redisUrlOrSkip('two gateway processes sharing Redis');
const describeWithRedis = redisUrl ? describe : describe.skip;
const MAIN = path.resolve(__dirname, '..', 'dist', 'main.js');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A real `node gateway/dist/main.js` in the test's database schema, sharing Redis. */
async function spawnGateway(schema: string, dataDir: string) {
  const port = await freePort();
  // Each process also runs its embedded ai-server, on a port of its own.
  const aiPort = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      PORT: String(port),
      AI_SERVER_PORT: String(aiPort),
      HOST: '127.0.0.1',
      DATABASE_URL: process.env.DATABASE_URL,
      DATABASE_SCHEMA: schema,
      REDIS_URL: redisUrl!,
      JWT_SECRET: TEST_JWT_SECRET,
      DATA_DIR: dataDir,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`gateway exited early (${child.exitCode})`);
    if (Date.now() > deadline) throw new Error('gateway did not become ready');
    if ((await fetch(`${base}/readyz`).catch(() => null))?.ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const gql = async (query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GqlResponse> => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return res.json() as Promise<GqlResponse>;
  };
  return { child, gql, wsUrl: `ws://127.0.0.1:${port}/graphql` };
}

/** Stops a process with SIGTERM; resolves with its exit code. */
function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

describeWithRedis('two gateway processes sharing one Redis and one PostgreSQL', () => {
  let t: TestGateway;
  let dataDir: string;
  let a: Awaited<ReturnType<typeof spawnGateway>>;
  let b: Awaited<ReturnType<typeof spawnGateway>>;
  let client: LiveClient | null = null;

  beforeAll(async () => {
    if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first (npm test runs tsc -b)`);
    t = await startTestGateway();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'maratron-replicas-'));
    [a, b] = await Promise.all([spawnGateway(t.schema, dataDir), spawnGateway(t.schema, dataDir)]);
  });
  afterAll(async () => {
    await client?.dispose();
    await Promise.all([a, b].filter(Boolean).map((g) => stop(g.child)));
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers a post created through one to a subscriber connected to the other', async () => {
    const signUp = async (name: string) => {
      const username = `${name}${Date.now().toString(36)}`;
      const res = await a.gql(`mutation($i: SignUpInput!) { signUp(input: $i) { token user { id } } }`, {
        i: { email: `${username}@example.com`, password: TEST_PASSWORD, name, username },
      });
      return { token: res.data.signUp.token as string, id: res.data.signUp.user.id as string };
    };
    const author = await signUp('author');
    const follower = await signUp('follower');
    expect((await b.gql(`mutation($u: ID!) { follow(userId: $u) { id } }`, { u: author.id }, follower.token)).errors).toBeUndefined();

    client = connectLive(b.wsUrl, follower.token);
    const feed = client.subscribe(`subscription { feedPostAdded { id text author { id } } }`);
    // Subscribing completes asynchronously on the server: post through A until one arrives on B.
    const sent = new Map<string, string>();
    const deadline = Date.now() + 20_000;
    let received: { id: string; text: string; author: { id: string } } | undefined;
    while (!received && Date.now() < deadline) {
      const text = `hello from A #${sent.size + 1}`;
      const res = await a.gql(`mutation($t: String!) { createPost(input: { text: $t }) { id } }`, { t: text }, author.token);
      sent.set(res.data.createPost.id, text);
      await new Promise((r) => setTimeout(r, 250));
      received = feed.results.map((r) => r.data?.feedPostAdded).find((p) => p && sent.has(p.id));
    }
    expect(received).toBeDefined();
    expect(received).toEqual({ id: received!.id, text: sent.get(received!.id), author: { id: author.id } });
  });

  it('shuts both down cleanly on SIGTERM, live connections and all', async () => {
    const codes = await Promise.all([stop(a.child), stop(b.child)]);
    expect(codes).toEqual([0, 0]);
    expect(await client!.closed).toBe(1001);
    client = null;
  });
});
