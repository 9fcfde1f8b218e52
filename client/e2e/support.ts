import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { startStack } from '../../ai-server/test/stack';
import type { TestGateway, TestGatewayOptions, TestUser } from '../../gateway/test/harness';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(__dirname, 'screenshots');

/**
 * `describe` for specs that need server features which may not exist yet on this branch
 * (see global-setup.ts): skipped with a message naming what is missing — never under CI,
 * where a missing feature fails the run instead of hiding tests.
 */
export function describeWithServer(features: string[], name: string, fn: () => void) {
  const present = new Set<string>(JSON.parse(process.env.MARATRON_E2E_FEATURES ?? '[]'));
  const missing = features.filter((f) => !present.has(f));
  if (!missing.length) return describe(name, fn);
  const message = `[e2e] SKIPPED "${name}": the server lacks ${missing.join(', ')}`;
  if (process.env.CI) throw new Error(`${message} — under CI every e2e test must run`);
  console.warn(message);
  return describe.skip(name, fn);
}

export interface Runner {
  user: TestUser & { name: string };
  context: BrowserContext;
  page: Page;
  /** Requests that tried to leave the gateway's origin (must stay empty). */
  external: string[];
  /** Uncaught page errors and CSP refusals (must stay empty). */
  pageErrors: string[];
  goto(pathname: string): Promise<void>;
}

/**
 * One gateway and one Chromium per spec file, started on first use (a file whose specs are
 * all skipped starts nothing) and closed after the file. `options` reach the gateway (e.g.
 * an `env` of its own).
 */
export function e2eApp(options: TestGatewayOptions = {}) {
  let started: Promise<{ t: TestGateway; mcpUrl: string; stop: () => Promise<void>; browser: Browser }> | null = null;
  const contexts: BrowserContext[] = [];
  const start = () =>
    (started ??= (async () => {
      if (!fs.existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
      // The app as `npm start` runs it: the gateway with the ai-server (the coach's MCP tools).
      const [stack, browser] = await Promise.all([
        startStack(options),
        chromium.launch({
          executablePath: CHROMIUM,
          headless: true,
          // A fresh profile per launch (Playwright's temporary user data dir); nothing phones home.
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        }),
      ]);
      return { t: stack.t, mcpUrl: stack.mcpUrl, stop: () => stack.close(), browser };
    })());

  afterAll(async () => {
    if (!started) return;
    const { stop, browser } = await started;
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await browser.close();
    await stop();
  });

  async function openContext(viewport = { width: 1280, height: 900 }) {
    const { t, browser } = await start();
    const context = await browser.newContext({ viewport, baseURL: t.url, reducedMotion: 'reduce', colorScheme: 'light' });
    contexts.push(context);
    const page = await context.newPage();
    const external: string[] = [];
    const pageErrors: string[] = [];
    const origin = new URL(t.url).host;
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (!['data:', 'blob:'].includes(url.protocol) && url.host !== origin) external.push(r.url());
    });
    page.on('websocket', (ws) => {
      if (new URL(ws.url()).host !== origin) external.push(ws.url());
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // A request the Content-Security-Policy refused (e.g. the WebSocket) is a bug too.
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) pageErrors.push(m.text());
    });
    return { context, page, external, pageErrors };
  }

  return {
    start,
    gateway: async () => (await start()).t,
    /** The ai-server's MCP endpoint (its OAuth resource). */
    mcpUrl: async () => (await start()).mcpUrl,
    /** A page with nobody signed in. */
    async anonymous(viewport?: { width: number; height: number }) {
      return openContext(viewport);
    },
    /** A runner signed up through the API and signed in in a browser context of their own. */
    async runner(name: string, viewport?: { width: number; height: number }): Promise<Runner> {
      const { t } = await start();
      const user = { ...(await t.signUp(name)), name };
      const opened = await openContext(viewport);
      await opened.context.addInitScript((token) => window.localStorage.setItem('maratron.token', token), user.token);
      return {
        user,
        ...opened,
        async goto(pathname: string) {
          await opened.page.goto(pathname);
        },
      };
    },
  };
}

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core on the current page (evaluated through the DevTools protocol, so the page's CSP
 * does not block it): no serious or critical violation may remain.
 */
export async function expectAccessible(page: Page, screen: string) {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: Document,
            opts: object,
          ): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (blocking.length) throw new Error(`Accessibility violations on ${screen}:\n${JSON.stringify(blocking, null, 2)}`);
}

export async function screenshot(page: Page, name: string, fullPage = true) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** Retries an assertion until it holds (the UI updates asynchronously), then rethrows the last failure. */
export async function eventually(assertion: () => Promise<void> | void, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}

export const textOf = async (locator: Locator) => ((await locator.textContent()) ?? '').trim();

export async function visible(locator: Locator, timeout = 15_000) {
  await locator.first().waitFor({ state: 'visible', timeout });
}

/**
 * A GPX track like a watch records: one point every 5 s, steady pace, rolling elevation; with
 * `heartRate`, a chest strap's reading (bpm at each second) on every point.
 */
export function makeGpx({
  name = 'Riverside loop',
  km = 3.2,
  paceSecPerKm = 300,
  startedAt = new Date(Date.now() - 3 * 3600_000),
  heartRate,
}: { name?: string; km?: number; paceSecPerKm?: number; startedAt?: Date; heartRate?: (second: number) => number } = {}) {
  const seconds = Math.round(km * paceSecPerKm);
  const points: string[] = [];
  const [lat0, lon0] = [48.8566, 2.3522];
  const metresPerDegLat = 111_320;
  const metresPerDegLon = 111_320 * Math.cos((lat0 * Math.PI) / 180);
  for (let s = 0; s <= seconds; s += 5) {
    const along = (s / seconds) * km * 1000;
    // Out along a gentle curve: x grows, y bends, so the route is visibly a path.
    const angle = (along / (km * 1000)) * Math.PI * 0.9;
    const x = (Math.sin(angle) * km * 1000) / 3;
    const y = along * 0.6;
    const lat = lat0 + y / metresPerDegLat;
    const lon = lon0 + x / metresPerDegLon;
    const ele = 35 + 12 * Math.sin(along / 400);
    points.push(
      `<trkpt lat="${lat.toFixed(6)}" lon="${lon.toFixed(6)}"><ele>${ele.toFixed(1)}</ele><time>${new Date(startedAt.getTime() + s * 1000).toISOString()}</time>` +
        (heartRate
          ? `<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>${heartRate(s)}</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions>`
          : '') +
        '</trkpt>',
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="Maratron e2e" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
  <trk><name>${name}</name><type>running</type><trkseg>
${points.join('\n')}
  </trkseg></trk>
</gpx>
`;
}
