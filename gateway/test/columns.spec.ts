// The column maps (core/src/database/columns.ts) against the database the migrations build: a
// map that names a column the table lacks would fail at the first query that selects it, and a
// column a map does not account for is one the code has never decided about. Every map core
// exports is checked, so a new one is too; and a table with no map fails until it has one or is
// listed below as one no code reads into a type.
import * as core from '@maratron/core';
import type { ColumnMap } from '@maratron/core';
import { startTestGateway } from './harness';
import type { TestGateway } from './harness';

/**
 * Tables no code reads into a type, so no map: written, joined and filtered by hand-written SQL
 * (their columns appear only in WHERE and INSERT clauses), or TypeORM's own.
 */
const WITHOUT_MAP: Record<string, string> = {
  follows: 'the follow graph: joined and counted, never read as rows',
  blocks: 'who blocked whom: probed and joined (a blocked runner is read as a User), never read as rows',
  post_likes: 'kudos: counted (maratron_post_counts), never read as rows',
  group_members: 'memberships: joined and counted; a member is read as a User',
  group_invitations: 'invitations: inserted and used up, never read as rows',
  run_efforts: "best efforts: probed for records and VDOT, read as a run's effort fields",
  run_tracks: "recordings and splits: read a column at a time (a run's splits, its recording)",
  run_heart_rates: "heart-rate histograms: read as a run's histogram (from_bpm, seconds) and probed for peaks",
  run_laps: "a run's laps: one json column, read by run id as Run.laps",
  password_reset_tokens: 'reset links: written and used up only inside maratron_issue_password_reset / maratron_use_password_reset',
  two_factor_recovery_codes: 'recovery codes: inserted as hashes and used up by an UPDATE, never read as rows',
  oauth_clients:
    "registered OAuth apps: the authorization server reads a client's `metadata` column as the MCP SDK's client record, and its name is joined",
  oauth_authorization_requests: 'pending consents: inserted at /authorize and read once by the consent routes, as the SDK-shaped request',
  oauth_tokens: 'OAuth codes and tokens: looked up by hash and used up by the authorization server (gateway/src/oauth), never listed',
  migrations: "TypeORM's record of the migrations applied",
};

type AnyColumnMap = ColumnMap<Record<string, unknown>>;

const isColumnMap = (value: unknown): value is AnyColumnMap =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as AnyColumnMap).table === 'string' &&
  typeof (value as AnyColumnMap).fields === 'object';

/** Every column map core exports (each *.sql.ts is part of its public surface), by its name. */
const maps = Object.entries(core as Record<string, unknown>)
  .filter((entry): entry is [string, AnyColumnMap] => isColumnMap(entry[1]))
  .map(([name, map]) => ({ name, map }));

let t: TestGateway;
/** The columns of every table the migrations create, by table. */
let columns: Map<string, Set<string>>;
beforeAll(async () => {
  t = await startTestGateway();
  const rows = await t.sql<{ table: string; column: string }>(
    `SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns WHERE table_schema = $1`,
    [t.schema],
  );
  columns = new Map();
  for (const { table, column } of rows) columns.set(table, (columns.get(table) ?? new Set()).add(column));
});
afterAll(() => t.close());

describe('column maps', () => {
  it('name only columns the migrations create, and account for every column of their table', () => {
    expect(maps.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const { name, map } of maps) {
      const existing = columns.get(map.table);
      if (!existing) {
        problems.push(`${name}: there is no table ${map.table}`);
        continue;
      }
      const mapped = Object.values(map.fields);
      const unmapped = Object.keys(map.unmapped ?? {});
      for (const column of [...mapped, ...unmapped]) {
        if (!existing.has(column)) problems.push(`${name}: ${map.table} has no column ${column}`);
      }
      for (const column of existing) {
        if (!mapped.includes(column) && !unmapped.includes(column))
          problems.push(`${name}: ${map.table}.${column} is neither mapped nor listed as unmapped`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('cover every table the migrations create, one map each, but for the tables no code reads as rows', () => {
    const mapped = maps.map(({ map }) => map.table);
    expect(mapped.filter((table, i) => mapped.indexOf(table) !== i)).toEqual([]);
    const tables = [...columns.keys()].sort();
    expect(tables.filter((table) => !mapped.includes(table) && !(table in WITHOUT_MAP))).toEqual([]);
    // …and the list above names only tables that exist and have no map.
    expect(Object.keys(WITHOUT_MAP).filter((table) => !columns.has(table) || mapped.includes(table))).toEqual([]);
  });
});
