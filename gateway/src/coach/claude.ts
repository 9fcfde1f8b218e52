import Anthropic from '@anthropic-ai/sdk';
import type { MessageParam, Tool, ToolResultBlockParam } from '@anthropic-ai/sdk/resources/messages';
import type { McpSession } from './mcp-client';

export interface CoachTurn {
  text: string;
  toolCalls: { name: string; arguments: string }[];
}

/** Tool-use rounds per answer: enough to look things up, never an endless loop. */
export const MAX_ITERATIONS = 6;

export const SYSTEM_PROMPT =
  "You are Maratron's running coach. Answer from the runner's own data: call the tools to look it up " +
  '(get_user_context first), cite their actual figures (distances in km, paces in min/km), and be concise ' +
  'and specific. Never invent numbers. Log runs or make plans only when asked.';

/**
 * The Anthropic Messages API tool-use loop: the ai-server's MCP tools are offered to the model,
 * each tool_use it asks for is executed over MCP and the result returned, until it answers
 * (end_turn) or MAX_ITERATIONS rounds pass. Text is streamed through `onText` as it arrives.
 */
export async function runClaude(
  opts: { apiKey: string; model: string; baseUrl: string | null; signal: AbortSignal },
  mcp: McpSession,
  history: MessageParam[],
  onText: (delta: string) => void,
): Promise<CoachTurn> {
  // One retry for a transient failure; the caller's deadline bounds the rest.
  const client = new Anthropic({ apiKey: opts.apiKey, baseURL: opts.baseUrl ?? undefined, maxRetries: 1 });
  const tools: Tool[] = mcp.tools.map((t) => ({
    name: t.name,
    description: t.description,
    input_schema: t.inputSchema as Tool['input_schema'],
  }));
  const messages = [...history];
  const toolCalls: CoachTurn['toolCalls'] = [];
  let text = '';
  for (let round = 0; round < MAX_ITERATIONS; round++) {
    const stream = client.messages.stream(
      { model: opts.model, max_tokens: 2048, system: SYSTEM_PROMPT, tools, messages },
      { signal: opts.signal },
    );
    stream.on('text', (delta) => {
      text += delta;
      onText(delta);
    });
    const message = await stream.finalMessage();
    if (message.stop_reason !== 'tool_use') return { text, toolCalls };
    messages.push({ role: 'assistant', content: message.content });
    const results: ToolResultBlockParam[] = [];
    for (const block of message.content) {
      if (block.type !== 'tool_use') continue;
      const args = (block.input ?? {}) as Record<string, unknown>;
      toolCalls.push({ name: block.name, arguments: JSON.stringify(args) });
      const outcome = await mcp.call(block.name, args);
      const content = outcome.isError ? outcome.text : JSON.stringify(outcome.result);
      results.push({ type: 'tool_result', tool_use_id: block.id, content, is_error: outcome.isError });
    }
    messages.push({ role: 'user', content: results });
  }
  const last = '\n\n(I stopped looking things up here: ask me again to go further.)';
  onText(last);
  return { text: text + last, toolCalls };
}
