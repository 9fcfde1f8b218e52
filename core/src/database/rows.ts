/**
 * Reads go through hand-written SQL (one statement per DataLoader batch) and come back as
 * plain rows with camelCase aliases; this turns them into entity instances without
 * TypeORM's per-row hydration cost on hot paths.
 */
export function hydrate<T extends object>(Entity: new () => T, rows: object[]): T[] {
  return rows.map((row) => Object.assign(new Entity(), row));
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
