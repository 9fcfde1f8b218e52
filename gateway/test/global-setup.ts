import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres } from '@maratron/core';

/**
 * Tests use DATABASE_URL when it is set (CI points it at the machine's PostgreSQL). On a
 * machine without one they start the embedded PostgreSQL once for the whole run; each test
 * file then works in a schema of its own.
 */
export default async function globalSetup() {
  if (process.env.DATABASE_URL) return;
  if (process.env.CI) throw new Error("CI must set DATABASE_URL: tests run against the machine's PostgreSQL there");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maratron-test-db-'));
  fs.chmodSync(dir, 0o755);
  const db = await startEmbeddedPostgres(dir);
  process.env.DATABASE_URL = db.url;
  (globalThis as { __embeddedDb?: typeof db; __embeddedDir?: string }).__embeddedDb = db;
  (globalThis as { __embeddedDir?: string }).__embeddedDir = dir;
  console.log(`\n[tests] no DATABASE_URL: started an embedded PostgreSQL (${db.url})`);
}
