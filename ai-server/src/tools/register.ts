import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { RequestContext, Services } from '@maratron/core';
import { ruleSchema } from './arguments';
import type { ToolDefinition } from './definition';
import { getPreferences, updatePreferences } from './preferences';
import { deleteRun, updateRun } from './runs';
import { addShoe, listShoes, retireShoe, updateShoe } from './shoes';
import { addComment, createPost, getFeed, giveKudos, listNotifications, markNotificationsRead } from './social';

/** The tools for what a runner does beyond logging and reading runs: one per action (scopes in core/src/auth/scopes.ts). */
export const RUNNER_TOOLS: readonly ToolDefinition[] = [
  updateRun,
  deleteRun,
  listShoes,
  addShoe,
  updateShoe,
  retireShoe,
  getPreferences,
  updatePreferences,
  getFeed,
  createPost,
  giveKudos,
  addComment,
  listNotifications,
  markNotificationsRead,
];

/** The server's tool-call wrapper (scope, rate limit, the caller's context, results and errors): server.ts. */
export type ToolCall = <A>(
  name: string,
  work: (ctx: RequestContext, args: A) => Promise<Record<string, unknown>>,
) => (args: A) => Promise<CallToolResult>;

export function registerRunnerTools(server: McpServer, services: Services, call: ToolCall): void {
  for (const tool of RUNNER_TOOLS) {
    server.registerTool(
      tool.name,
      {
        title: tool.annotations.title,
        description: tool.description,
        inputSchema: ruleSchema(tool.input),
        outputSchema: tool.output,
        annotations: tool.annotations,
      },
      call(tool.name, (ctx, args: Record<string, unknown>) => tool.run(services, ctx, args)),
    );
  }
}
