import { parseInput } from '@maratron/domain';
import type { RequestContext, Services } from '@maratron/core';
import type { Annotations } from './annotations';
import type { z } from 'zod';

/** One MCP tool: what clients are shown of it, its rule for arguments, and what it does as the caller. */
export interface ToolDefinition {
  name: string;
  description: string;
  /** Its arguments' rule (arguments.ts): advertised as the inputSchema, applied by `run`. */
  input: z.ZodType;
  /** Its outputSchema (toolOutput): what `run` answers. */
  output: z.ZodObject;
  annotations: Annotations;
  /** Checks `args` against `input` (BAD_USER_INPUT with the field), then acts through the services. */
  run(s: Services, ctx: RequestContext, args: unknown): Promise<Record<string, unknown>>;
  /** The short text a text-only client shows for a result. */
  summary(result: Record<string, unknown>): string;
}

/** A tool whose `run` and `summary` are typed by its input rule and output schema. */
export function defineTool<I extends z.ZodType, O extends z.ZodObject>(tool: {
  name: string;
  description: string;
  input: I;
  output: O;
  annotations: Annotations;
  run(s: Services, ctx: RequestContext, args: z.output<I>): Promise<z.output<O>>;
  summary(result: z.output<O>): string;
}): ToolDefinition {
  return {
    ...tool,
    run: (s, ctx, args) => tool.run(s, ctx, parseInput(tool.input, args ?? {})),
    // Results reach it only from `run`, so they have the output's shape.
    summary: (result) => tool.summary(result as z.output<O>),
  };
}
