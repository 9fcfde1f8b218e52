import fs from 'node:fs';

export default async function globalTeardown() {
  const g = globalThis as { __embeddedDb?: { stop(): Promise<void> }; __embeddedDir?: string };
  await g.__embeddedDb?.stop();
  if (g.__embeddedDir) fs.rmSync(g.__embeddedDir, { recursive: true, force: true });
}
