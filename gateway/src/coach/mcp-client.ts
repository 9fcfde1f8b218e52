import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { ToolError } from '@maratron/ai-server';

export interface McpTool {
  name: string;
  description?: string;
  inputSchema: { type: 'object'; properties?: Record<string, unknown>; required?: string[] };
}

/** What a tool call answered: its structuredContent, and the text a model reads. */
export type ToolOutcome =
  | { isError: false; result: Record<string, unknown>; text: string }
  /** `error` is null when the call failed before the tool ran (an unknown tool, arguments of the wrong type). */
  | { isError: true; error: ToolError | null; text: string };

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
    // Listing the tools also arms the SDK to check every answer against its tool's outputSchema.
    const { tools } = await client.listTools(undefined, { signal });
    return {
      tools: tools as McpTool[],
      async call(name, args) {
        const result = await client.callTool({ name, arguments: args }, undefined, { signal });
        const text = ((result.content ?? []) as { type: string; text?: string }[]).map((c) => c.text ?? '').join('\n');
        const structured = result.structuredContent as Record<string, unknown> | undefined;
        if (result.isError) return { isError: true, error: (structured?.error as ToolError | undefined) ?? null, text };
        if (!structured) throw new Error(`the ${name} tool answered without structured content`);
        return { isError: false, result: structured, text };
      },
      // Ends the MCP session (DELETE) rather than leaving it to idle out: a turn's session is done with.
      async close() {
        await transport.terminateSession().catch(() => undefined);
        await client.close();
      },
    };
  } catch (error) {
    await client.close();
    throw error;
  }
}
