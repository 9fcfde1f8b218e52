import { describeWithServer, e2eApp, eventually, expectAccessible, makeGpx, screenshot, textOf, visible } from './support';

const app = e2eApp();

describeWithServer(['Mutation.importActivity'], 'heart-rate zones', () => {
  test('set max and resting heart rate in settings, see zone bars on the run and the dashboard', async () => {
    const mia = await app.runner('Mia');
    const t = await app.gateway();
    // 4 km at 5:00/km: 10 min at 140 bpm, then 10 min at 172.
    const res = await t.gql<{ importActivity: { id: string } }>(
      `mutation($c: String!) { importActivity(format: GPX, content: $c) { id } }`,
      { c: makeGpx({ name: 'Zone session', km: 4, heartRate: (s) => (s <= 600 ? 140 : 172) }) },
      mia.user.token,
    );
    const runId = res.data!.importActivity.id;
    const { page } = mia;

    await mia.goto('/settings');
    await visible(page.getByRole('heading', { name: 'Training profile' }));
    // Estimated until set: the run's highest minute (172 bpm).
    await visible(page.getByText('Estimated from your runs: 172 bpm. Leave empty to keep estimating.'));
    const max = page.getByLabel('Max heart rate (bpm)');
    const rest = page.getByLabel('Resting heart rate (bpm)');
    await max.fill('105');
    await rest.fill('110');
    await page.getByRole('button', { name: 'Save' }).first().click();
    await visible(page.getByText('Must be below your max heart rate.'));
    await expectAccessible(page, 'settings (heart-rate error)');
    await max.fill('190');
    await rest.fill('50');
    await page.getByRole('button', { name: 'Save' }).first().click();
    await visible(page.getByRole('status').getByText('Saved'));

    // Bounds from 190/50: 120 134 148 162 176 190 — 140 bpm is zone 2, 172 zone 4.
    await mia.goto(`/runs/${runId}`);
    const zones = page.getByRole('list', { name: 'Time in heart-rate zones' });
    await visible(zones);
    const rows = zones.getByRole('listitem');
    expect(await rows.count()).toBe(5);
    expect(await textOf(rows.nth(1))).toMatch(/^Zone 2\s*134–147 bpm\s*10:00 \(50%\)$/);
    expect(await textOf(rows.nth(3))).toMatch(/^Zone 4\s*162–175 bpm\s*10:00 \(50%\)$/);
    expect(await textOf(rows.nth(0))).toMatch(/^Zone 1\s*up to 133 bpm\s*0:00/);
    expect(await textOf(rows.nth(4))).toMatch(/^Zone 5\s*176\+ bpm\s*0:00/);
    await expectAccessible(page, 'run with heart-rate zones');
    await screenshot(page, 'run-heart-rate-zones');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    const summary = page.getByRole('list', { name: 'Time in heart-rate zones over the last 12 weeks' });
    await visible(summary);
    await eventually(async () => expect(await textOf(summary.getByRole('listitem').nth(3))).toContain('10:00'));
    await expectAccessible(page, 'dashboard with heart-rate zones');
    await screenshot(page, 'dashboard-heart-rate-zones');
    expect(mia.pageErrors).toEqual([]);
  });

  test('zone bars fit a phone: no sideways scroll at 360 px', async () => {
    const leo = await app.runner('Leo', { width: 360, height: 780 });
    const t = await app.gateway();
    const res = await t.gql<{ importActivity: { id: string } }>(
      `mutation($c: String!) { importActivity(format: GPX, content: $c) { id } }`,
      { c: makeGpx({ name: 'Hill reps', km: 3, heartRate: (s) => 130 + (s % 300 < 120 ? 50 : 0) }) },
      leo.user.token,
    );
    for (const screen of [`/runs/${res.data!.importActivity.id}`, '/']) {
      await leo.goto(screen);
      await visible(leo.page.getByTestId('zone-bars'));
      const overflow = await leo.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    }
    await expectAccessible(leo.page, 'dashboard with heart-rate zones (phone)');
    await screenshot(leo.page, 'dashboard-heart-rate-zones-phone');
  });
});
