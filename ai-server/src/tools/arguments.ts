import { MAX_PAGE_SIZE } from '@maratron/core';
import { z } from 'zod';

// Tool arguments: one zod rule per tool — the domain's own rules (@maratron/domain), the ones
// the gateway's services apply to GraphQL input — both advertised to clients (as the tool's
// inputSchema: types, bounds, lengths, enums) and applied to what they send (parseInput in
// the tool), so a bad value is refused the same way GraphQL refuses it.

/**
 * `rule` as clients see it, its JSON Schema, on a schema that lets every value through: a tool's
 * inputSchema (the tool applies the rule itself), or part of an outputSchema whose fields are a
 * rule's (so a field added to the rule is described without a change here). The SDK would otherwise check the arguments first and
 * answer a bad one with its own "Input validation error" text; the tool's parseInput answers
 * BAD_USER_INPUT with the field instead, as GraphQL does (the same trick as toolOutput's: zod
 * writes metadata over the generated JSON Schema).
 */
export function ruleSchema(rule: z.ZodType): z.ZodObject {
  const { $schema: _dialect, ...json } = z.toJSONSchema(rule, { target: 'draft-7', io: 'input' });
  return z.looseObject({}).meta({ ...json, additionalProperties: undefined });
}

/** An ISO 8601 date-time as the Date `rule` checks (the domain's rules take Dates; JSON has none). */
export const isoDateTime = (rule: z.ZodType<Date, Date>, description: string) =>
  z.iso
    .datetime({ offset: true })
    .describe(`ISO 8601 date-time: ${description}`)
    .transform((s) => new Date(s))
    .pipe(rule);

/** An ISO 8601 date (YYYY-MM-DD; a date-time is read as its instant) as the Date `rule` checks. */
export const isoDate = (rule: z.ZodType<Date, Date>, description: string) =>
  z
    .string()
    .describe(`ISO 8601 date (YYYY-MM-DD): ${description}`)
    .transform((s) => new Date(s))
    .pipe(rule);

/** How many items a list tool answers: GraphQL's page size (core/src/common/pagination.ts), at least one. */
export const pageLimit = z
  .number()
  .int('must be a whole number')
  .min(1, `must be between 1 and ${MAX_PAGE_SIZE}`)
  .max(MAX_PAGE_SIZE, `must be between 1 and ${MAX_PAGE_SIZE}`)
  .optional()
  .describe(`How many, newest first: 1..${MAX_PAGE_SIZE} (default 20)`);

/** The cursor a list tool gave (`nextCursor`), for the next page. */
export const pageCursor = z.string().max(200).nullish().describe('nextCursor of the previous answer; omitted: the first page');

/** An object id argument (a UUID), as the services check it ("Run ID is not valid"). */
export const idArgument = (description: string) => z.uuid('is not valid').describe(description);
