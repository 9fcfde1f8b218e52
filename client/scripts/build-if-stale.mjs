// `npm run build -w client`: runs `vite build` only when the client's sources changed since
// the last build, so `npm start` and `npm test` stay fast. The fingerprint is a hash of every
// input file's path and content (not mtimes: a checkout or copy must not fool it), kept
// beside the output. `npm run build:force -w client` always builds.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const inputs = ['src', 'public', 'index.html', 'graphiql.html', 'vite.config.ts', 'package.json', '../package-lock.json', '../domain/src'];
const stamp = path.join(root, 'dist', '.build-hash');

function* files(p) {
  const stat = fs.statSync(p, { throwIfNoEntry: false });
  if (!stat) return;
  if (stat.isFile()) return yield p;
  for (const name of fs.readdirSync(p).sort()) yield* files(path.join(p, name));
}

const hash = createHash('sha256');
for (const input of inputs) {
  for (const file of files(path.join(root, input))) {
    hash.update(path.relative(root, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
}
const fingerprint = hash.digest('hex');

const built =
  fs.existsSync(path.join(root, 'dist', 'index.html')) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === fingerprint;
if (built) {
  console.log('client: dist/ is up to date');
} else {
  const vite = path.join(path.dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  execFileSync(process.execPath, [vite, 'build'], { cwd: root, stdio: 'inherit' });
  fs.writeFileSync(stamp, fingerprint);
}
