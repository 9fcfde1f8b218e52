/**
 * Column maps for hand-written SQL: the one place a table's column names are written down. Each
 * table whose rows the code reads into a type has one map (in its domain's `*.sql.ts`) naming the
 * column behind every property of that type, and the table's other columns with the reason no
 * property carries them. The compiler checks that a map names every property of its row type and
 * no other; gateway/test/columns.spec.ts checks every map against the database the migrations
 * build (each column it names exists, and it accounts for every column of its table).
 *
 * `select()` aliases the columns to the property names (with a prefix when one statement returns
 * several types side by side) and `pick()` takes one type's properties back out of such a row.
 */
export interface ColumnMap<Row> {
  /** The table's name in SQL. */
  readonly table: string;
  /** `{ property: 'column' }` for every property of the row type. */
  readonly fields: { readonly [K in keyof Row]-?: string };
  /** `{ column: 'why no property carries it' }` for the table's other columns. */
  readonly unmapped?: Readonly<Record<string, string>>;
}

export function select<Row>(alias: string, map: ColumnMap<Row>, prefix = ''): string {
  return Object.entries<string>(map.fields)
    .map(([prop, col]) => `${alias}.${col} AS "${prefix}${prop}"`)
    .join(', ');
}

export function pick<Row extends object>(
  Type: new () => Row,
  row: Record<string, unknown>,
  map: ColumnMap<Row>,
  prefix: string,
): Row | null {
  const { id, pairs } = keysOf(map, prefix);
  if (row[id] === null || row[id] === undefined) return null;
  const value = new Type() as Record<string, unknown>;
  for (const [prop, key] of pairs) value[prop] = row[key];
  return value as Row;
}

interface RowKeys {
  /** The row's key of the type's id. */
  id: string;
  /** [property, the row's key for it] for every property. */
  pairs: (readonly [string, string])[];
}

const rowKeys = new WeakMap<object, Map<string, RowKeys>>();

/** The keys `pick` reads, worked out once per map and prefix (it runs for every row of every page). */
function keysOf(map: ColumnMap<object>, prefix: string): RowKeys {
  let byPrefix = rowKeys.get(map);
  if (!byPrefix) rowKeys.set(map, (byPrefix = new Map()));
  let keys = byPrefix.get(prefix);
  if (!keys) {
    keys = { id: `${prefix}id`, pairs: Object.keys(map.fields).map((prop) => [prop, `${prefix}${prop}`] as const) };
    byPrefix.set(prefix, keys);
  }
  return keys;
}
