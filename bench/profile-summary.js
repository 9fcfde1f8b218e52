#!/usr/bin/env node
// Summarises a V8 CPU profile (node --cpu-prof): self time by package (or project module) and the
// functions with the most self time.  node bench/profile-summary.js <file.cpuprofile> [top=25]
const fs = require('node:fs');

const [file, top = '25'] = process.argv.slice(2);
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const dt = profile.timeDeltas[i] ?? 0;
  self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
}
const total = [...self.values()].reduce((a, b) => a + b, 0);

function where(url) {
  if (!url) return '(native/VM)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return 'node: ' + url.slice(5).split('/')[0];
  const m = /\/(core|gateway|domain|schema|migrations|ai-server)\/dist\/(.*)$/.exec(url);
  return m ? `@maratron/${m[1]}: ${m[2].split('/')[0]}` : url;
}

const groups = new Map();
const fns = new Map();
for (const [id, t] of self) {
  const n = byId.get(id);
  const { functionName, url, lineNumber } = n.callFrame;
  const g = ['(garbage collector)', '(idle)', '(program)'].includes(functionName) ? functionName : where(url);
  groups.set(g, (groups.get(g) ?? 0) + t);
  const key = `${functionName || '(anonymous)'} ${where(url)}:${lineNumber + 1}`;
  fns.set(key, (fns.get(key) ?? 0) + t);
}
const busy = total - (groups.get('(idle)') ?? 0);
const pct = (t, of) => ((100 * t) / of).toFixed(1).padStart(5) + ' %';
console.log(`profile: ${(total / 1e6).toFixed(1)} s, busy ${pct(busy, total)} (shares below are of busy time)\n`);
console.log('| where | share of busy CPU |\n|---|---|');
for (const [g, t] of [...groups]
  .filter(([g]) => g !== '(idle)')
  .sort((a, b) => b[1] - a[1])
  .slice(0, Number(top)))
  console.log(`| ${g} | ${pct(t, busy).trim()} |`);
console.log('\n| function (self time) | share |\n|---|---|');
for (const [f, t] of [...fns]
  .filter(([f]) => !f.startsWith('(idle)'))
  .sort((a, b) => b[1] - a[1])
  .slice(0, Number(top)))
  console.log(`| ${f} | ${pct(t, busy).trim()} |`);
