import fs from 'node:fs';
import { currentSdl, SCHEMA_FILE } from '../src/emit-schema';
import { errorOf, ok, startTestGateway } from './harness';
import type { TestGateway } from './harness';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());

describe('the API surface', () => {
  it('has schema/schema.graphql up to date with the code (run `npm run schema:emit`)', () => {
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(currentSdl());
  });

  it('answers /healthz and /readyz', async () => {
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('blocks CSRF-able requests (a simple GET without a preflight header)', async () => {
    const res = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ me { id } }')}`);
    expect(res.status).toBe(400);
    const allowed = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ me { id } }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(allowed.status).toBe(200);
  });

  it('limits query depth, aliases and cost', async () => {
    const a = await t.signUp('Deep');
    let deep = 'id';
    for (let i = 0; i < 8; i++) deep = `runs { edges { node { user { ${deep} } } } }`;
    const tooDeep = await t.gql(`{ me { ${deep} } }`, {}, a.token);
    expect(tooDeep.errors?.length).toBeGreaterThan(0);
    expect(tooDeep.data).toBeUndefined();
    const aliases = Array.from({ length: 30 }, (_, i) => `a${i}: me { id }`).join(' ');
    const tooMany = await t.gql(`{ ${aliases} }`, {}, a.token);
    expect(tooMany.errors?.[0].message).toMatch(/alias/i);
    expect(ok(await t.gql<{ me: { id: string } }>(`{ me { id } }`, {}, a.token)).me.id).toBe(a.id);
  });

  it('answers a field that does not exist with GRAPHQL_VALIDATION_FAILED, without a stack', async () => {
    const res = await t.gql(`{ nope }`);
    expect(errorOf(res).code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(res)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
  });
});
