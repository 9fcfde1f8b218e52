import { z } from 'zod';
import { badInput } from './errors';

/**
 * Parses untrusted input with a zod schema. The first problem becomes BAD_USER_INPUT naming
 * the field (dotted path, e.g. `trainingProfile.yearsRunning`), so clients can point at it.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, field = 'input'): z.output<S> {
  assertNoNulCharacter(value, field);
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

/**
 * Where a NUL character (U+0000) hides in a value: the path to the first string holding one ([]
 * for the value itself), or null. PostgreSQL's text types cannot store it, and no name, note or
 * message needs it.
 */
export function nulCharacterPath(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulCharacterPath(value[i], [...path, String(i)]);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) {
      const found = nulCharacterPath(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/**
 * The rule for every text a client sends (GraphQL arguments, MCP tool arguments, through
 * parseInput): no NUL characters. BAD_USER_INPUT naming the field — the path inside `value`, or
 * `field` when `value` is the text itself.
 */
export function assertNoNulCharacter(value: unknown, field: string): void {
  const path = nulCharacterPath(value);
  if (!path) return;
  const name = path.filter((p) => !/^\d+$/.test(p)).join('.') || field;
  throw badInput(name, `${name}: must not contain a NUL character (\\u0000)`);
}
