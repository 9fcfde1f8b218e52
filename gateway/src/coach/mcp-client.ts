import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

export interface McpTool {
  name: string;
  description?: string;
  inputSchema: { type: 'object'; properties?: Record<string, unknown>; required?: string[] };
}

export interface ToolOutcome {
  /** The tool's text (JSON for Maratron's tools, or the error message). */
  text: string;
  isError: boolean;
}

/** One MCP session with the ai-server, authenticated as one runner. */
export interface McpSession {
  tools: McpTool[];
  call(name: string, args: Record<string, unknown>): Promise<ToolOutcome>;
  close(): Promise<void>;
}

/**
 * Connects to the ai-server as the runner whose short-lived `token` it carries (issued by the
 * gateway for this one conversation turn), and lists its tools.
 */
export async function openMcpSession(url: string, token: string, signal?: AbortSignal): Promise<McpSession> {
  const client = new Client({ name: 'maratron-coach', version: '0.1.0' });
  const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
  await client.connect(transport, { signal });
  try {
    const { tools } = await client.listTools(undefined, { signal });
    return {
      tools: tools as McpTool[],
      async call(name, args) {
        const result = await client.callTool({ name, arguments: args }, undefined, { signal });
        const content = (result.content ?? []) as { type: string; text?: string }[];
        return { text: content.map((c) => c.text ?? '').join('\n'), isError: Boolean(result.isError) };
      },
      close: () => client.close(),
    };
  } catch (error) {
    await client.close();
    throw error;
  }
}
