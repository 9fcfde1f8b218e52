/**
 * Reads go through hand-written SQL (one statement per DataLoader batch) and come back as
 * plain rows with camelCase aliases (a column map's `select`); this makes them instances of
 * their GraphQL object type. The rows must already have the type's shape.
 */
export function hydrate<T extends object>(Type: new () => T, rows: readonly T[]): T[] {
  return rows.map((row) => Object.assign(new Type(), row));
}

/** Orders batch results as DataLoader needs them: one slot per key, null where missing. */
export function byKey<K, T>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): (T | null)[] {
  const map = new Map<K, T>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((k) => map.get(k) ?? null);
}

/** Groups batch results per key: one (possibly empty) list per key. */
export function groupByKey<K, T>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): T[][] {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return keys.map((k) => map.get(k) ?? []);
}
