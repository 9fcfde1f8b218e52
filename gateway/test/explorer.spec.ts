import fs from 'node:fs';
import path from 'node:path';
import { startTestGateway } from './harness';
import type { TestGateway } from './harness';

const dist = path.resolve(__dirname, '..', '..', 'client', 'dist');

/**
 * GET /graphql in a browser opens GraphiQL, bundled with the web client and served by the gateway:
 * the page and everything it loads (scripts, styles, editor workers, fonts) come from the gateway's
 * own origin; nothing from a CDN, unlike Apollo's landing page it replaces.
 */
describe('the API explorer', () => {
  let t: TestGateway;
  beforeAll(async () => {
    if (!fs.existsSync(path.join(dist, 'graphiql.html')))
      throw new Error('client/dist/graphiql.html is missing: `npm test` builds it first (npm run build -w client)');
    t = await startTestGateway();
  });
  afterAll(() => t?.close());

  const browserAccept = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

  test('GET /graphql from a browser answers the GraphiQL page, same-origin only', async () => {
    const res = await fetch(`${t.url}/graphql`, { headers: { accept: browserAccept } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/https?:/);
    const html = await res.text();
    expect(html).toContain('<div id="graphiql"');
    expect(html).not.toMatch(/apollographql\.com|embeddable|cdn\./i);
  });

  test('every script, style, worker and font the page loads is served by the gateway itself', async () => {
    const html = await (await fetch(`${t.url}/graphql`, { headers: { accept: browserAccept } })).text();
    const referenced = [...html.matchAll(/<(?:script|link)\b[^>]*\s(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(referenced.length).toBeGreaterThan(1);
    for (const ref of referenced) expect(ref).toMatch(/^\/(?!\/)/); // a path on this origin, not //host or https://
    // Follow what the scripts load in turn (chunks, Monaco's workers, the icon font): all on this origin.
    const seen = new Set<string>();
    const queue = referenced.filter((r) => r.startsWith('/assets/'));
    while (queue.length) {
      const asset = queue.shift()!;
      if (seen.has(asset)) continue;
      seen.add(asset);
      const res = await fetch(`${t.url}${asset}`);
      expect([asset, res.status]).toEqual([asset, 200]);
      if (!/\.(js|css)$/.test(asset)) continue;
      const text = await res.text();
      for (const m of text.matchAll(/["'`(](?:\/assets\/|\.\/)?([\w.-]+-[\w-]{8}\.(?:js|css|ttf|woff2?))["'`)]/g))
        queue.push(`/assets/${m[1]}`);
    }
    const loaded = [...seen];
    expect(loaded.some((a) => /graphiql-.*\.js$/.test(a))).toBe(true);
    expect(loaded.some((a) => /graphql\.worker-.*\.js$/.test(a))).toBe(true);
    expect(loaded.some((a) => /\.css$/.test(a))).toBe(true);
  });

  test('API requests on /graphql still go to the API, and Apollo no longer offers its CDN landing page', async () => {
    const query = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ me { id } }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(query.status).toBe(200);
    expect(await query.json()).toEqual({ data: { me: null } });
    // A browser navigating to a query URL gets the answer too, not the page.
    const navigated = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ me { id } }')}`, {
      headers: { accept: browserAccept, 'apollo-require-preflight': 'true' },
    });
    expect(navigated.headers.get('content-type')).toContain('json');
    const plain = await fetch(`${t.url}/graphql`, { headers: { accept: 'application/json' } });
    expect(plain.headers.get('content-type')).not.toContain('text/html');
    expect(await plain.text()).not.toMatch(/apollographql\.com/);
  });
});
