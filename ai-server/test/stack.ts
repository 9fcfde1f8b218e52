import net from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { loadConfig, createLogger } from '@maratron/core';
import { startTestGateway, TEST_JWT_SECRET } from '../../gateway/test/harness';
import type { TestGateway, TestGatewayOptions } from '../../gateway/test/harness';
import { createAiServer } from '../src';
import type { AiServer, ToolError } from '../src';

export interface TestStack {
  t: TestGateway;
  ai: AiServer;
  mcpUrl: string;
  /** An MCP client (the official SDK's) authenticated as the holder of `token`. */
  mcp(token: string): Promise<Client>;
  close(): Promise<void>;
}

/**
 * A gateway and an ai-server in one process, sharing the database and the event bus — as
 * `npm start` runs them — each on a free port.
 */
export async function startStack(opts: TestGatewayOptions & { aiEnv?: Record<string, string> } = {}): Promise<TestStack> {
  // The gateway's coach is told where the ai-server will listen before either starts.
  const port = await freePort();
  const mcpUrl = `http://127.0.0.1:${port}/mcp`;
  // The gateway's port is chosen beforehand too, so it is PUBLIC_URL: the OAuth issuer that the
  // ai-server names, and where the consent page is.
  const gatewayPort = opts.port ?? (await freePort());
  const env = { PUBLIC_URL: `http://127.0.0.1:${gatewayPort}`, MCP_PUBLIC_URL: mcpUrl, ...opts.env };
  const t = await startTestGateway({ ...opts, port: gatewayPort, env: { AI_SERVER_URL: mcpUrl, ...env } });
  const config = { ...loadConfig({ ...process.env, ...env, ...opts.aiEnv }), jwtSecret: TEST_JWT_SECRET };
  const ai = createAiServer({ config, dataSource: t.dataSource, bus: t.bus, redis: t.redis, logger: createLogger('silent') });
  await ai.listen(port, '127.0.0.1');
  const clients: Client[] = [];
  return {
    t,
    ai,
    mcpUrl,
    async mcp(token: string) {
      const client = new Client({ name: 'maratron-test', version: '1.0.0' });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(mcpUrl), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }),
      );
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(clients.map((c) => c.close()));
      await ai.stop();
      await t.close();
    },
  };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface AnyToolResult {
  isError?: boolean;
  content: { type: string; text: string }[];
  structuredContent?: Record<string, unknown>;
}

/**
 * What a tool answered, its structuredContent (fails on a tool error). Text-only clients get a
 * short sentence, then the same as JSON text.
 */
export function toolJson<T = unknown>(result: unknown): T {
  const r = result as AnyToolResult;
  if (r.isError) throw new Error(`tool error: ${r.content[0]?.text}`);
  expect(r.content).toHaveLength(2);
  expect(r.content[0].text).not.toBe('');
  expect(JSON.parse(r.content[1].text)).toEqual(r.structuredContent);
  return r.structuredContent as T;
}

/**
 * A tool error as data, `{ code, message, field?, reason?, retryAfterSeconds? }` (fails when the
 * call succeeded). Text-only clients get `CODE: message`.
 */
export function toolError(result: unknown): ToolError {
  const r = result as AnyToolResult;
  if (!r.isError) throw new Error(`expected a tool error, got ${r.content[0]?.text}`);
  const { error } = r.structuredContent as { error: ToolError };
  expect(r.content[0].text).toBe(`${error.code}: ${error.message}`);
  return error;
}
