import fs from 'node:fs';
import path from 'node:path';
import { startTestGateway } from './harness';
import type { TestGateway } from './harness';

const dist = path.resolve(__dirname, '..', '..', 'client', 'dist');

/** The gateway serves the built web client on its own origin, without shadowing the API. */
describe('web client serving', () => {
  let t: TestGateway;
  beforeAll(async () => {
    if (!fs.existsSync(path.join(dist, 'index.html')))
      throw new Error('client/dist is missing: `npm test` builds it first (npm run build -w client)');
    t = await startTestGateway();
  });
  afterAll(() => t?.close());

  test('client routes answer the app page, uncached, with a same-origin-only CSP', async () => {
    for (const route of ['/', '/runs/123', '/u/ana', '/settings']) {
      const res = await fetch(`${t.url}${route}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
      expect(await res.text()).toContain('<div id="root">');
    }
  });

  test('hashed assets are served for good; a missing asset is a 404, not the page', async () => {
    const html = await (await fetch(t.url)).text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const res = await fetch(`${t.url}${asset}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${t.url}/assets/nope-123.js`)).status).toBe(404);
  });

  test('API paths are never answered with the app page', async () => {
    for (const route of ['/api/nothing-here', '/graphqlx/../graphql/nope', '/metrics']) {
      const res = await fetch(`${t.url}${route}`);
      expect(await res.text()).not.toContain('<div id="root">');
    }
    const health = await fetch(`${t.url}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    const gql = await t.gql('{ __typename }');
    expect(gql.data).toEqual({ __typename: 'Query' });
  });
});
