// The run page's laps, cadence and max heart rate (issue 17), on a phone: the device's laps as a
// table that fits 390 px without scrolling sideways, readable by a screen reader.
import { garminTcx, simulateRun } from '../../gateway/test/activity-files';
import { e2eApp, expectAccessible, screenshot, textOf, visible } from './support';

const app = e2eApp();

const IMPORT = `mutation($content: String!) { importActivity(format: TCX, content: $content) { id maxHeartRate averageCadence } }`;

describe('laps on the run page', () => {
  test('a TCX run shows its laps, cadence and max heart rate at 390 px, accessible and without sideways scroll', async () => {
    const lena = await app.runner('Lena Laps', { width: 390, height: 844 });
    const t = await app.gateway();
    const sim = simulateRun({
      start: new Date(Date.now() - 26 * 3600_000),
      plan: [{ run: 4300, pace: 312 }],
      interval: 2,
      seed: 17,
    });
    const res = await t.gql<{ importActivity: { id: string; maxHeartRate: number; averageCadence: number } }>(
      IMPORT,
      { content: garminTcx(sim, { lapMetres: 1000 }) },
      lena.user.token,
    );
    const run = res.data!.importActivity;

    const { page } = lena;
    await lena.goto(`/runs/${run.id}`);
    const laps = page.getByRole('table', { name: /The device's laps/ });
    await visible(laps);
    // Five laps: four kilometres and the last 300 m, each with its time, pace and heart rate.
    const rows = laps.getByRole('row');
    expect(await rows.count()).toBe(1 + 5);
    expect(await textOf(laps.getByRole('rowheader').nth(4))).toBe('5');
    expect(await textOf(rows.nth(1).getByRole('cell').nth(0))).toMatch(/^(0\.99|1\.00) km$/);
    expect(await textOf(rows.nth(1).getByRole('cell').nth(2))).toMatch(/^5:1\d \/km$/);
    // Columns named in full for assistive technology.
    expect(await laps.locator('abbr[title="Average cadence, steps per minute"]').count()).toBe(1);
    expect(await laps.locator('abbr[title="Average heart rate, beats per minute"]').count()).toBe(1);

    const summary = page.getByRole('region', { name: 'Summary' });
    await visible(summary.getByText(`${run.averageCadence} spm`));
    await visible(summary.getByText(`${run.maxHeartRate} bpm`, { exact: true }));
    expect(run.averageCadence).toBe(172);

    await expectAccessible(page, 'run with laps (phone)');
    await screenshot(page, 'run-laps-phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // The table itself fits too: no scrolling inside its wrapper either.
    const inner = await page.getByTestId('laps').evaluate((table) => table.parentElement!.scrollWidth - table.parentElement!.clientWidth);
    expect(inner).toBeLessThanOrEqual(0);
  });
});
