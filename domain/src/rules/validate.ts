import { z } from 'zod';
import { badInput } from './errors';

/**
 * Parses untrusted input with a zod schema. The first problem becomes BAD_USER_INPUT naming
 * the field (dotted path, e.g. `trainingProfile.yearsRunning`), so clients can point at it.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, field = 'input'): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue.path.map(String).join('.') || field;
  throw badInput(path, `${path}: ${issue.message}`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** IDs are UUIDs; anything else is bad input rather than a database error. */
export function parseId(value: string, field = 'id'): string {
  if (!UUID.test(value)) throw badInput(field, `${field}: not a valid ID`);
  return value.toLowerCase();
}

/** An update field where null means the same as absent: "leave it as it is". */
export const keepIfNull = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);
