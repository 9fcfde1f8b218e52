import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SCHEMA_FILE } from '../src/emit-schema';
import { compareSchemas, describeDiff, readApproved, schemaAt, schemaBase } from '../src/schema-diff';

/**
 * CI keeps the public schema stable: schema/schema.graphql against the previous release tag (or
 * main's merge base) must have no breaking change that schema/approved-breaking-changes.json does
 * not list with a reason. `npm run schema:diff` prints the same report.
 */
describe('the schema against its base', () => {
  it('has no unapproved breaking change', async () => {
    const base = schemaBase();
    const before = base && schemaAt(base.rev);
    if (!base || before === null) {
      console.log(
        `schema diff skipped: ${base ? `${base.why} has no schema/schema.graphql` : 'no release tag and no merge base with main'}`,
      );
      return;
    }
    const result = await compareSchemas(before, fs.readFileSync(SCHEMA_FILE, 'utf8'), readApproved());
    if (result.breaking.length) throw new Error(describeDiff(base, result));
  });

  it('keeps a reason with every approved break', () => {
    for (const entry of readApproved()) expect(entry.reason.trim().length).toBeGreaterThan(20);
  });
});

describe('the schema diff', () => {
  const before = `
    type Query { run(id: ID!): Run, runs(first: Int = 20): [Run!]! }
    type Run { id: ID!, distance: Float!, pace: Float! }
    input RunInput { distance: Float!, visibility: Visibility = PUBLIC }
    enum Visibility { PUBLIC PRIVATE }
  `;

  it('fails on a removed field and a newly required argument, naming them and how to approve them', async () => {
    const after = `
      type Query { run(id: ID!): Run, runs(first: Int!): [Run!]! }
      type Run { id: ID!, distance: Float! }
      input RunInput { distance: Float!, visibility: Visibility = PUBLIC }
      enum Visibility { PUBLIC PRIVATE }
    `;
    const result = await compareSchemas(before, after, []);
    expect(result.breaking.map((c) => c.path).sort()).toEqual(['Query.runs.first', 'Run.pace']);
    const report = describeDiff({ rev: 'v1', why: 'the latest release tag v1' }, result);
    expect(report).toContain('2 breaking change(s) not approved');
    expect(report).toContain(`"change": "Field 'pace' was removed from object type 'Run'"`);
  });

  it('lets an approved break through, with its reason, and reports dangerous changes without failing', async () => {
    const after = `
      type Query { run(id: ID!): Run, runs(first: Int = 20): [Run!]! }
      type Run { id: ID!, distance: Float! }
      input RunInput { distance: Float!, visibility: Visibility }
      enum Visibility { PUBLIC PRIVATE FOLLOWERS }
    `;
    const removed = "Field 'pace' was removed from object type 'Run'";
    const result = await compareSchemas(before, after, [{ change: removed, reason: 'pace is distance / duration' }]);
    expect(result.breaking).toEqual([]);
    expect(result.approved.map((a) => [a.change.message, a.reason])).toEqual([[removed, 'pace is distance / duration']]);
    expect(result.dangerous.map((c) => c.path).sort()).toEqual(['RunInput.visibility', 'Visibility.FOLLOWERS']);
  });

  it('treats descriptions and new optional fields as safe', async () => {
    const after = `
      """Reads."""
      type Query { run(id: ID!): Run, runs(first: Int = 20): [Run!]! }
      """A run."""
      type Run { id: ID!, """Metres.""" distance: Float!, pace: Float!, name: String }
      input RunInput { distance: Float!, visibility: Visibility = PUBLIC }
      enum Visibility { PUBLIC PRIVATE }
    `;
    const result = await compareSchemas(before, after, []);
    expect(result.breaking).toEqual([]);
    expect(result.dangerous).toEqual([]);
    expect(result.safe.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses an approval without a reason', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'approved-')), 'approved.json');
    fs.writeFileSync(file, JSON.stringify([{ change: "Field 'pace' was removed from object type 'Run'" }]));
    expect(() => readApproved(file)).toThrow('non-empty "reason"');
  });
});
