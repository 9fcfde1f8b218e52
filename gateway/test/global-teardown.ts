import fs from 'node:fs';

export default async function globalTeardown() {
  const g = globalThis as { __embeddedDb?: { stop(): Promise<void> }; __embeddedDir?: string };
  await g.__embeddedDb?.stop();
  if (g.__embeddedDir) fs.rmSync(g.__embeddedDir, { recursive: true, force: true });
  // Several projects share this teardown: the second run finds nothing left to stop.
  g.__embeddedDb = undefined;
  g.__embeddedDir = undefined;
}
