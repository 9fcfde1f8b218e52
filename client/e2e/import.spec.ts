import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describeWithServer, e2eApp, eventually, expectAccessible, makeGpx, screenshot, textOf, visible } from './support';

const app = e2eApp();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'maratron-e2e-import-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array) {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, content);
  return p;
}

describeWithServer(['Mutation.importActivity'], 'import an activity file', () => {
  test('a dropped GPX file becomes a run with splits, a route and an elevation profile', async () => {
    const dev = await app.runner('Dev');
    const { page } = dev;
    await dev.goto('/import');
    await visible(page.getByRole('heading', { name: 'Import', level: 1 }));
    await expectAccessible(page, 'import');
    await page.getByTestId('import-input').setInputFiles(file('riverside.gpx', makeGpx({ name: 'Riverside loop', km: 3.2 })));
    const result = page.locator('.import-result').filter({ hasText: 'riverside.gpx' });
    await visible(result.getByText('Imported'));
    await result.getByRole('link').click();

    await visible(page.getByRole('heading', { name: 'Riverside loop' }));
    const splits = page.getByTestId('splits');
    await visible(splits);
    expect(await splits.locator('tbody tr').count()).toBeGreaterThanOrEqual(3);
    await visible(page.getByTestId('route'));
    await visible(page.getByTestId('elevation-profile').locator('svg'));
    await expectAccessible(page, 'run detail with splits');
    await screenshot(page, 'run-detail');
  });

  test('a broken file gives a clear error and stores nothing', async () => {
    const emma = await app.runner('Emma');
    const { page } = emma;
    await emma.goto('/import');
    await page.getByTestId('import-input').setInputFiles(file('broken.gpx', '<gpx><trk><trkseg><trkpt lat="oops"'));
    const result = page.locator('.import-result').filter({ hasText: 'broken.gpx' });
    await visible(result.getByText('Failed'));
    expect((await textOf(result.locator('.error-text'))).length).toBeGreaterThan(5);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Runs' }).click();
    await visible(page.getByText('No runs yet'));
  });
});

describeWithServer(['POST /api/imports', 'Subscription.importProgress', 'Query.importJob'], 'import an archive', () => {
  test('an uploaded archive is imported in the background with live progress to the end, problems listed', async () => {
    const farid = await app.runner('Farid');
    const { page } = farid;
    await farid.goto('/import');
    const day = 86_400_000;
    const archive = zipSync({
      'activities/morning.gpx': strToU8(makeGpx({ name: 'Morning', km: 2.1, startedAt: new Date(Date.now() - 3 * day) })),
      'activities/long.gpx': strToU8(makeGpx({ name: 'Long', km: 6.4, paceSecPerKm: 340, startedAt: new Date(Date.now() - 5 * day) })),
      'activities/tempo.gpx': strToU8(makeGpx({ name: 'Tempo', km: 4, paceSecPerKm: 270, startedAt: new Date(Date.now() - 7 * day) })),
      'activities/corrupt.gpx': strToU8('<gpx><trk><trkseg><trkpt'),
    });
    await page.getByTestId('import-input').setInputFiles(file('export.zip', archive));
    const job = page.locator('.import-result').filter({ hasText: 'export.zip' }).getByTestId('import-job');
    await visible(job);
    await eventually(async () => expect(await job.getAttribute('data-status')).toBe('DONE'), 60_000);
    const counts = await textOf(job.getByTestId('import-counts'));
    expect(counts).toContain('4 of 4 activities');
    expect(counts).toContain('3 imported');
    expect(counts).toContain('1 failed');
    await job.getByText('1 problem').click();
    await visible(job.getByText('activities/corrupt.gpx'));
    await expectAccessible(page, 'import with a finished archive');
    await screenshot(page, 'import-archive');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Runs' }).click();
    await visible(page.getByText('3 runs', { exact: true }));
  });
});
