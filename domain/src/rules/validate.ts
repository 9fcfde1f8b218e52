import type { z } from 'zod';
import { badInput } from './errors';

/**
 * Parses untrusted input with a zod schema. The first problem becomes BAD_USER_INPUT with the
 * field in `field` (dotted path, e.g. `trainingProfile.yearsRunning`), so clients can point at
 * it, and a message that reads on its own: "Years running must be at most 100".
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, field = 'input'): z.output<S> {
  assertNoNulCharacter(value, field);
  const result = schema.safeParse(value, { error: predicateOf });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue.path.map(String).join('.') || field;
  throw badInput(path, sentence(path, issue.message));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** IDs are UUIDs; anything else is bad input rather than a database error. */
export function parseId(value: string, field = 'id'): string {
  if (!UUID.test(value)) throw badInput(field, sentence(field, 'is not valid'));
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
  throw badInput(name, `${fieldLabel(name)} must not contain a NUL character (\\u0000)`);
}

/** Fields whose name, split into words, reads badly in a sentence. */
const LABELS: Record<string, string> = {
  startedAt: 'Start time',
  first: 'Page size',
  after: 'Cursor',
};

/**
 * The name a person reads for an input field: `averageHeartRate` → "Average heart rate",
 * `runId` → "Run ID", `goals.2` → "Goals" (the list an item belongs to).
 */
export function fieldLabel(path: string): string {
  const name =
    path
      .split('.')
      .reverse()
      .find((segment) => !/^\d+$/.test(segment)) ?? path;
  if (LABELS[name]) return LABELS[name];
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(' ')
    .map((word) => (word.toLowerCase() === 'id' ? 'ID' : word.toLowerCase()));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A rule's message about a field as a sentence: rules say what the value must be ("must be
 * greater than 0"), which the field's label completes; a message that is already a sentence
 * (it starts with a capital) stays as it is.
 */
export function sentence(path: string, message: string): string {
  return /^[A-Z]/.test(message) ? message : `${fieldLabel(path)} ${message}`;
}

const count = (n: number | bigint) => n.toLocaleString('en-US');
const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  date: 'a date',
  array: 'a list',
  object: 'an object',
};
const FORMAT_NAMES: Record<string, string> = {
  email: 'an email address',
  uuid: 'an ID',
  datetime: 'an ISO 8601 date-time',
  date: 'an ISO 8601 date',
  url: 'a URL',
};

/**
 * What a value must be, for the problems a schema states no message of its own for (zod's own
 * messages, "Too big: expected number to be <=250", are written for developers).
 */
function predicateOf(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `must be ${issue.values.length === 1 ? '' : 'one of '}${issue.values.map(String).join(', ')}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${count(issue.maximum)} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have at most ${count(issue.maximum)} items`;
      return issue.inclusive === false ? `must be less than ${count(issue.maximum)}` : `must be at most ${count(issue.maximum)}`;
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) === 1 ? 'must not be empty' : `must be at least ${count(issue.minimum)} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have at least ${count(issue.minimum)} items`;
      return issue.inclusive === false ? `must be greater than ${count(issue.minimum)}` : `must be at least ${count(issue.minimum)}`;
    case 'invalid_format':
      return FORMAT_NAMES[issue.format] ? `must be ${FORMAT_NAMES[issue.format]}` : 'is not in the expected format';
    case 'not_multiple_of':
      return `must be a multiple of ${count(issue.divisor)}`;
    case 'unrecognized_keys':
      return `has unknown fields: ${issue.keys.join(', ')}`;
    default:
      return 'is not valid';
  }
}
