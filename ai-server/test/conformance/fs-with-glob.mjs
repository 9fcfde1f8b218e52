// Node's `fs`, and a `globSync` for Node < 22 that refuses (see node20.mjs).
import fs from 'node:fs';

export * from 'node:fs';
export default fs;
export function globSync() {
  throw new Error('fs.globSync needs Node 22 or later');
}
