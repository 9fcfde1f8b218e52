import type { Page } from 'playwright-core';
import { e2eApp, expectAccessible, screenshot, visible } from './support';

// Webhook switches on: the integrations screen lists a webhook to a loopback address nobody answers.
const app = e2eApp({ env: { WEBHOOK_ALLOW_INSECURE: 'true', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' } });

/**
 * A screen has settled when its heading (or an error) shows and nothing says "Loading…" any
 * more; it has settled well when no error alert shows — a screen that can only show an error
 * fails the test, however accessible the error is.
 */
async function settled(page: Page, expectedAlert?: RegExp) {
  await visible(page.locator('h1, [role="alert"]'));
  await page.waitForFunction(
    () => ![...document.querySelectorAll('[role="status"]')].some((e) => /Loading/.test(e.textContent ?? '')),
    undefined,
    { timeout: 15_000 },
  );
  const alerts = await page.locator('[role="alert"]').allTextContents();
  const unexpected = alerts.filter((text) => !expectedAlert?.test(text));
  if (unexpected.length > 0) throw new Error(`it shows an error: ${unexpected.join(' | ')}`);
  if (expectedAlert && alerts.length === 0) throw new Error(`it should say ${expectedAlert}`);
}

/** The widths each screen is tried at (360–1,440 px): none may scroll sideways. */
const WIDTHS: Record<string, number[]> = { desktop: [1440, 1280, 1024, 768], phone: [390, 360] };

/** The widths at which the page is wider than the window, as "screen at N px: M px too wide". */
async function scrollsSideways(page: Page, name: string, widths: number[]): Promise<string[]> {
  const found: string[] = [];
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    // Charts follow their container through a ResizeObserver, a frame or two after the window changes.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 50)))));
    const { overflow, culprits } = await page.evaluate(() => {
      // The innermost elements reaching past the window's right edge: what to fix.
      const past = [...document.body.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5);
      const innermost = past.filter((e) => !past.some((other) => other !== e && e.contains(other)));
      return {
        overflow: document.documentElement.scrollWidth - window.innerWidth,
        culprits: innermost.slice(0, 3).map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`),
      };
    });
    if (overflow > 0) found.push(`${name} at ${width} px: ${overflow} px too wide (${culprits.join(', ')})`);
  }
  return found;
}

/**
 * Every screen, as a runner with some data sees it, shows no error and passes axe with no serious or critical violation, on a
 * desktop and on a phone-width screen, and is captured.
 */
describe('every screen', () => {
  test.each([
    ['desktop', { width: 1280, height: 900 }],
    ['phone', { width: 390, height: 844 }],
  ])('is accessible on a %s', async (label, viewport) => {
    const runner = await app.runner('Iris Vega', viewport);
    const t = await app.gateway();
    await t.gql(
      `mutation { createShoe(input: { name: "Pegasus 41", brand: "Nike", isDefault: true, initialDistance: 420000 }) { id } }`,
      {},
      runner.user.token,
    );
    const run = await t.gql<{ createRun: { id: string } }>(
      `mutation($input: RunInput!) { createRun(input: $input) { id } }`,
      {
        input: {
          startedAt: new Date(Date.now() - 86_400_000).toISOString(),
          distance: 12_500,
          duration: 3_690,
          name: 'Sunday long run',
          elevationGain: 84,
          averageHeartRate: 148,
          notes: 'Negative split, felt easy.',
        },
      },
      runner.user.token,
    );
    const runId = run.data!.createRun.id;
    // The trust settings with something in each list: a privacy zone, a pending follow request, a blocked runner.
    await t.gql(
      `mutation { addPrivacyZone(input: { name: "Home", latitude: 48.8566, longitude: 2.3522, radius: 400 }) { id } }`,
      {},
      runner.user.token,
    );
    await t.gql(`mutation { updateProfile(input: { followPolicy: APPROVAL }) { id } }`, {}, runner.user.token);
    const asker = await t.signUp('Jon Snow');
    await t.gql(`mutation($id: ID!) { follow(userId: $id) { id } }`, { id: runner.user.id }, asker.token);
    const pest = await t.signUp('Pat Pest');
    await t.gql(`mutation($id: ID!) { blockUser(userId: $id) { id } }`, { id: pest.id }, runner.user.token);
    // Integrations with a token and a webhook (with a delivery, pending or failed: port 9 does not answer).
    await t.gql(
      `mutation { createPersonalAccessToken(name: "weekly export", scopes: [RUNS_READ, TRAINING_READ], expiresInDays: 90) { token } }`,
      {},
      runner.user.token,
    );
    await t.gql(
      `mutation { createWebhook(url: "http://127.0.0.1:9/maratron", events: [RUN_CREATED, RUN_DELETED]) { secret } }`,
      {},
      runner.user.token,
    );
    await t.gql(
      `mutation($input: RunInput!) { createRun(input: $input) { id } }`,
      { input: { startedAt: new Date(Date.now() - 2 * 86_400_000).toISOString(), distance: 6000, duration: 1800 } },
      runner.user.token,
    );
    // The one screen whose content is an alert: a page that does not exist says so.
    const expectedAlerts: Record<string, RegExp> = { 'not-found': /not found/i };
    const screens: [string, string][] = [
      ['dashboard', '/'],
      ['runs', '/runs'],
      ['run-new', '/runs/new'],
      ['run', `/runs/${runId}`],
      ['run-edit', `/runs/${runId}/edit`],
      ['import', '/import'],
      ['shoes', '/shoes'],
      ['feed', '/feed'],
      ['profile', `/u/${runner.user.username}`],
      ['groups', '/groups'],
      ['notifications', '/notifications'],
      ['coach', '/coach'],
      ['plan', '/plan'],
      ['settings', '/settings'],
      ['settings-privacy', '/settings/privacy'],
      ['settings-followers', '/settings/followers'],
      ['settings-security', '/settings/security'],
      ['settings-integrations', '/settings/integrations'],
      ['not-found', '/no/such/page'],
    ];
    const sideways: string[] = [];
    for (const [name, path] of screens) {
      await runner.goto(path);
      await settled(runner.page, expectedAlerts[name]).catch(async (err) => {
        await screenshot(runner.page, `failed-${name}-${label}`);
        throw new Error(`${name} (${path}) did not settle: ${err instanceof Error ? err.message : err}`);
      });
      await expectAccessible(runner.page, `${name} (${label})`);
      sideways.push(...(await scrollsSideways(runner.page, name, WIDTHS[label])));
      await runner.page.setViewportSize(viewport);
      await screenshot(runner.page, `screen-${name}-${label}`);
    }
    expect(sideways).toEqual([]);
    expect(runner.external).toEqual([]);
    expect(runner.pageErrors).toEqual([]);

    const { page } = await app.anonymous(viewport);
    for (const [name, path, heading] of [
      ['signin', '/signin', 'Welcome back'],
      ['forgot-password', '/forgot-password', 'Reset your password'],
      ['reset-password', '/reset-password?token=from-a-mail', 'Choose a new password'],
    ]) {
      await page.goto(path!);
      await visible(page.getByRole('heading', { name: heading }));
      await expectAccessible(page, `${name} (${label})`);
      await screenshot(page, `screen-${name}-${label}`);
    }
  });
});
