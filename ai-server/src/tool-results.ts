import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { DOMAIN_ERROR_CODES } from '@maratron/domain';
import { z } from 'zod';

// How a tool call answers: its result as structuredContent (described by the tool's outputSchema),
// or its error as data, `{ error: { code, message, field?, reason?, retryAfterSeconds? } }` —
// the same fields a GraphQL error carries in `extensions` — so no client parses text. Each answer
// also carries text for clients that read only text.

/** A failed call's structuredContent. */
export const toolErrorSchema = z.object({
  error: z.object({
    code: z.enum([...DOMAIN_ERROR_CODES, 'INTERNAL_SERVER_ERROR']),
    message: z.string().describe('For a person to read'),
    field: z.string().optional().describe('BAD_USER_INPUT: the argument at fault (dotted for nested ones)'),
    reason: z.string().optional().describe('Why, where the code alone does not say'),
    retryAfterSeconds: z.number().int().optional().describe('RATE_LIMITED, SERVICE_UNAVAILABLE: when to try again'),
  }),
});
export type ToolError = z.infer<typeof toolErrorSchema>['error'];

/** The draft-07 JSON Schema of `schema` as a branch of another (without its own `$schema`). */
function branch(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { target: 'draft-7', io: 'output' });
  return json;
}

/**
 * A tool's outputSchema: the SDK checks each successful result against `shape` before sending
 * it; clients are shown "the result, or the error" (`anyOf`). A failed call carries
 * structuredContent too, and version 1 of the TypeScript SDK's client checks that against the
 * outputSchema as well, whatever `isError` says (modelcontextprotocol/typescript-sdk#1943): a
 * schema that described only the result would turn every error into "Structured content does
 * not match the tool's output schema" and hide it. zod writes an object's JSON Schema as
 * `properties` + `required`, so the metadata replaces those with the two branches.
 */
export function toolOutput<Shape extends z.ZodRawShape>(shape: Shape): z.ZodObject<Shape> {
  const result = z.object(shape);
  return result.meta({
    properties: undefined,
    required: undefined,
    additionalProperties: undefined,
    anyOf: [branch(result), branch(toolErrorSchema)],
  });
}

/**
 * A successful call: the result as structuredContent; for text-only clients a short sentence,
 * then the result as JSON text (the MCP specification's advice for structured results), so such
 * a client's model still has every field.
 */
export function toolResult(result: Record<string, unknown>, summary: string): CallToolResult {
  return {
    content: [
      { type: 'text', text: summary },
      { type: 'text', text: JSON.stringify(result) },
    ],
    structuredContent: result,
  };
}

/** A failed call: the error as data, and `CODE: message` as text. */
export function toolErrorResult(error: ToolError): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: `${error.code}: ${error.message}` }], structuredContent: { error } };
}
