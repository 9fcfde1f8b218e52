// Loaded with `node --import` before the MCP conformance CLI (@modelcontextprotocol/conformance).
// Its bundle imports `globSync` from `fs`, which Node has only from 22 on, so on Node 20 (our
// engine) it fails to load at all — though only its `tier-check` command calls it, never the
// server scenarios run here. On such a Node the package's own imports of `fs` get `fs` plus a
// `globSync` that says so; everything else (and every other module) is untouched.
import fs from 'node:fs';
import { register } from 'node:module';

if (typeof fs.globSync !== 'function') register('./node20-hooks.mjs', import.meta.url);
