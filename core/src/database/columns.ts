/**
 * Column lists for hand-written SQL. A table's columns are declared once as
 * `{ property: 'column' }`; `select()` aliases them to entity property names (optionally
 * with a prefix, when one statement returns several entities side by side) and `pick()` takes
 * one entity's properties back out of such a row.
 */
export type Fields = Record<string, string>;

export function select(alias: string, fields: Fields, prefix = ''): string {
  return Object.entries(fields)
    .map(([prop, col]) => `${alias}.${col} AS "${prefix}${prop}"`)
    .join(', ');
}

export function pick<T extends object>(Entity: new () => T, row: Record<string, unknown>, fields: Fields, prefix: string): T | null {
  if (row[`${prefix}id`] === null || row[`${prefix}id`] === undefined) return null;
  const entity = new Entity() as Record<string, unknown>;
  for (const prop of Object.keys(fields)) entity[prop] = row[`${prefix}${prop}`];
  return entity as T;
}
