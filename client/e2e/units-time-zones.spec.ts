import { e2eApp, eventually, expectAccessible, makeGpx, screenshot, textOf, visible } from './support';

const app = e2eApp();

describe("the runner's units and time zone", () => {
  test('a runner who chose miles gets per-mile splits and pace per mile on the run page', async () => {
    const t = await app.gateway();
    const mia = await app.runner('Mia');
    const { page, pageErrors } = mia;
    await t.gql(`mutation { updateProfile(input: { units: IMPERIAL }) { id } }`, {}, mia.user.token);
    // About 4.3 km along its curve: two full miles and a last partial one.
    const res = await t.gql<{ importActivity: { id: string; distance: number } }>(
      `mutation($c: String!) { importActivity(format: GPX, content: $c) { id distance } }`,
      { c: makeGpx({ name: 'Five K', km: 5, paceSecPerKm: 300 }) },
      mia.user.token,
    );
    const run = res.data!.importActivity;
    await mia.goto(`/runs/${run.id}`);
    await visible(page.getByRole('heading', { name: 'Five K' }));

    const splits = page.getByTestId('splits');
    await visible(splits);
    expect(await textOf(splits.locator('thead th').first())).toBe('Mi');
    const rows = splits.locator('tbody tr');
    const miles = run.distance / 1609.344;
    await eventually(async () => expect(await rows.count()).toBe(Math.ceil(miles)));
    const full = Math.floor(miles);
    for (let i = 0; i < full; i++) {
      const cells = rows.nth(i).locator('td');
      expect(await textOf(cells.nth(0))).toBe('1.00 mi');
      expect(await textOf(cells.nth(2))).toMatch(/^\d+:\d{2} \/mi$/);
    }
    expect(await textOf(rows.nth(full).locator('td').nth(0))).toBe(`${(miles - full).toFixed(2)} mi`);
    expect(await textOf(splits)).not.toContain('/km');
    await visible(page.getByRole('region', { name: 'Summary' }).getByText(/\/mi$/));
    await expectAccessible(page, 'run page in miles');
    await screenshot(page, 'run-miles');
    expect(pageErrors).toEqual([]);
  });

  test('sign-up takes the browser’s time zone; settings change it', async () => {
    const { t, browser } = await app.start();
    const context = await browser.newContext({ baseURL: t.url, timezoneId: 'America/Los_Angeles', viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await page.goto('/signup');
      const username = `zoe${Date.now().toString(36)}`;
      await page.getByLabel('Name', { exact: true }).fill('Zoe Zone');
      await page.getByLabel('Username').fill(username);
      await page.getByLabel('Email').fill(`${username}@example.com`);
      await page.getByLabel('Password').fill('correct-horse-battery');
      await page.getByRole('button', { name: 'Create account' }).click();
      await visible(page.getByRole('heading', { name: 'Hi, Zoe' }));
      const stored = async () =>
        (
          await t.sql<{ zone: string }>(
            `SELECT p.time_zone AS zone FROM training_profiles p JOIN users u ON u.id = p.user_id WHERE u.username = $1`,
            [username],
          )
        )[0]?.zone;
      expect(await stored()).toBe('America/Los_Angeles');

      await page.goto('/settings');
      const zone = page.getByLabel('Time zone');
      await visible(zone);
      expect(await zone.inputValue()).toBe('America/Los_Angeles');
      await expectAccessible(page, 'settings with the time zone');
      await zone.selectOption('Europe/London');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await eventually(async () => expect(await stored()).toBe('Europe/London'));
      await page.reload();
      await visible(page.getByLabel('Time zone'));
      expect(await page.getByLabel('Time zone').inputValue()).toBe('Europe/London');
      await screenshot(page, 'settings-time-zone');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("runs are dated in the runner's time zone, not the browser's", async () => {
    const t = await app.gateway();
    const kei = await app.runner('Kei');
    await t.gql(`mutation { updateProfile(input: { trainingProfile: { timeZone: "Asia/Tokyo" } }) { id } }`, {}, kei.user.token);
    // A Sunday 20:00 UTC a week or more ago: already Monday 05:00 in Tokyo (the browser runs in UTC).
    const d = new Date(Date.now() - 7 * 86_400_000);
    const sunday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - d.getUTCDay(), 20));
    await t.gql(
      `mutation($input: RunInput!) { createRun(input: $input) { id } }`,
      { input: { name: 'Late loop', startedAt: sunday.toISOString(), distance: 5000, duration: 1500 } },
      kei.user.token,
    );
    await kei.goto('/runs');
    const row = kei.page.getByTestId('runs-list').getByRole('listitem').filter({ hasText: 'Late loop' });
    await visible(row);
    expect(await textOf(row)).toContain('Mon, ');
    expect(await textOf(row)).not.toContain('Sun, ');
    await expectAccessible(kei.page, 'runs list in the runner’s zone');
  });
});
