import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import type { Change } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';
import { SCHEMA_FILE } from './emit-schema';

/**
 * The public schema stays stable: schema/schema.graphql is compared with the one at a base
 * revision by GraphQL Inspector (@graphql-inspector/core: The Guild's schema diff, the one
 * GraphQL Hive and its GitHub action use; it classes each change as breaking, dangerous or safe),
 * and a breaking change fails unless schema/approved-breaking-changes.json lists it with a reason.
 * Dangerous changes (a new enum value, a changed default) are reported and do not fail; the file
 * may list them too, to say why.
 */
export const APPROVED_FILE = path.resolve(SCHEMA_FILE, '..', 'approved-breaking-changes.json');
const REPO_ROOT = path.resolve(SCHEMA_FILE, '..', '..');
const SCHEMA_PATH = 'schema/schema.graphql';

/**
 * A breaking change accepted on purpose. `change` is GraphQL Inspector's message for it, exactly as
 * `npm run schema:diff` prints it (a path alone would also let a later, different break through).
 */
export interface ApprovedBreak {
  change: string;
  reason: string;
}

export interface SchemaBase {
  /** A revision git understands. */
  rev: string;
  /** Why this one: the latest release tag, main's merge base, or the previous commit of main. */
  why: string;
}

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/**
 * What to compare with: the latest release tag reachable from HEAD; else the merge base with main
 * (origin/main first, as a CI clone has it, then a local main) — and when HEAD is on main itself,
 * so that merge base is HEAD, the commit before it. Null without git history to compare with.
 */
export function schemaBase(): SchemaBase | null {
  const tag = git(['describe', '--tags', '--abbrev=0']);
  if (tag) return { rev: tag, why: `the latest release tag ${tag}` };
  const head = git(['rev-parse', 'HEAD']);
  if (!head) return null;
  for (const main of ['origin/main', 'main']) {
    if (!git(['rev-parse', '--verify', '--quiet', `${main}^{commit}`])) continue;
    const base = git(['merge-base', 'HEAD', main]);
    if (!base) continue;
    if (base !== head) return { rev: base, why: `the merge base with ${main} (${base.slice(0, 12)})` };
    const parent = git(['rev-parse', '--verify', '--quiet', 'HEAD~1^{commit}']);
    return parent ? { rev: parent, why: `HEAD is on ${main}: its previous commit (${parent.slice(0, 12)})` } : null;
  }
  return null;
}

/** The committed schema at a revision; null when it had none. */
export function schemaAt(rev: string): string | null {
  return git(['show', `${rev}:${SCHEMA_PATH}`]);
}

export function readApproved(file = APPROVED_FILE): ApprovedBreak[] {
  if (!fs.existsSync(file)) return [];
  const list: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!Array.isArray(list)) throw new Error(`${file} must be a JSON array of { "change", "reason" }`);
  return list.map((entry: unknown, i) => {
    const { change, reason } = (entry ?? {}) as Partial<Record<string, unknown>>;
    if (typeof change !== 'string' || !change.trim() || typeof reason !== 'string' || !reason.trim()) {
      throw new Error(`${file}[${i}] needs a non-empty "change" (the change's message) and a non-empty "reason"`);
    }
    return { change, reason };
  });
}

export interface SchemaDiffResult {
  breaking: Change[];
  /** Breaking (or dangerous) changes the approved list covers, with the reason given. */
  approved: { change: Change; reason: string }[];
  dangerous: Change[];
  safe: Change[];
}

/** Every change from `oldSdl` to `newSdl`, sorted into unapproved breaking, approved, dangerous and safe. */
export async function compareSchemas(oldSdl: string, newSdl: string, approvedList: ApprovedBreak[]): Promise<SchemaDiffResult> {
  const changes = await diff(buildSchema(oldSdl), buildSchema(newSdl));
  const result: SchemaDiffResult = { breaking: [], approved: [], dangerous: [], safe: [] };
  for (const change of changes) {
    const ok = approvedList.find((a) => a.change === change.message);
    if (change.criticality.level === CriticalityLevel.Breaking || change.criticality.level === CriticalityLevel.Dangerous) {
      if (ok) result.approved.push({ change, reason: ok.reason });
      else if (change.criticality.level === CriticalityLevel.Breaking) result.breaking.push(change);
      else result.dangerous.push(change);
    } else {
      result.safe.push(change);
    }
  }
  return result;
}

const line = (c: Change) => `${c.path ?? '(schema)'}: ${c.message}`;
const json = (s: string) => JSON.stringify(s);

/** A report for people: what broke (and how to approve it), what was approved, what is dangerous. */
export function describeDiff(base: SchemaBase, result: SchemaDiffResult): string {
  const out = [`schema/schema.graphql against ${base.why}:`];
  if (result.breaking.length) {
    out.push(`  ${result.breaking.length} breaking change(s) not approved:`);
    for (const c of result.breaking) out.push(`    ${line(c)}`);
    out.push(
      `  Keep the old shape (add the new, deprecate the old with a reason, remove it in a later release), or approve each one in schema/approved-breaking-changes.json:`,
    );
    for (const c of result.breaking) out.push(`    { "change": ${json(c.message)}, "reason": "<why integrators can live with it>" }`);
  }
  for (const { change, reason } of result.approved) out.push(`  approved: ${line(change)} (${reason})`);
  for (const c of result.dangerous) out.push(`  dangerous: ${line(c)}`);
  out.push(`  ${result.safe.length} safe change(s).`);
  return out.join('\n');
}

/** `npm run schema:diff`: exit 1 on an unapproved breaking change. */
async function main(): Promise<number> {
  const base = schemaBase();
  const before = base && schemaAt(base.rev);
  if (!base || before === null) {
    console.log(
      `schema diff skipped: ${base ? `${base.why} has no ${SCHEMA_PATH}` : 'no release tag and no merge base with main to compare with'}`,
    );
    return 0;
  }
  const result = await compareSchemas(before, fs.readFileSync(SCHEMA_FILE, 'utf8'), readApproved());
  console.log(describeDiff(base, result));
  return result.breaking.length ? 1 : 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(2);
    },
  );
}
