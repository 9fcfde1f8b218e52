import fs from 'node:fs';
import { describeWithServer, e2eApp, makeGpx, visible } from './support';

const app = e2eApp();

describeWithServer(['GET /api/runs/:id.gpx', 'Mutation.importActivity'], 'download a run as GPX', () => {
  test('the run page downloads the run’s GPX with the bearer token', async () => {
    const kim = await app.runner('Kim Lee');
    const t = await app.gateway();
    const res = await t.gql<{ importActivity: { id: string } }>(
      `mutation($c: String!) { importActivity(format: GPX, content: $c) { id } }`,
      { c: makeGpx({ name: 'Track session' }) },
      kim.user.token,
    );
    await kim.goto(`/runs/${res.data!.importActivity.id}`);
    await visible(kim.page.getByRole('heading', { name: 'Track session' }));
    const [download] = await Promise.all([kim.page.waitForEvent('download'), kim.page.getByRole('button', { name: 'GPX' }).click()]);
    const text = fs.readFileSync((await download.path())!, 'utf8');
    expect(text).toContain('<gpx');
    expect(text).toContain('<trkpt');
  });
});

describeWithServer(['GET /api/export'], 'download my data', () => {
  test('settings saves the account zip straight to disk (a download link, not a fetch held in memory)', async () => {
    const lou = await app.runner('Lou Reed');
    const requests: string[] = [];
    lou.page.on('request', (r) => requests.push(`${r.resourceType()} ${r.method()} ${new URL(r.url()).pathname}`));
    await lou.goto('/settings');
    const [download] = await Promise.all([lou.page.waitForEvent('download'), lou.page.getByRole('button', { name: 'Download' }).click()]);
    const bytes = fs.readFileSync((await download.path())!);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(download.suggestedFilename()).toMatch(/^maratron-.*\.zip$/);
    // The page asked for a link and the browser downloaded the file itself: the page's script never held it.
    expect(requests).toContain('fetch POST /api/download-links');
    expect(requests.filter((r) => r.endsWith(' /api/export'))).toEqual([]);
  });
});

describeWithServer(['Mutation.deleteAccount'], 'delete my account', () => {
  test('a wrong password is refused on the field; the right one deletes the account and signs out', async () => {
    const max = await app.runner('Max Roy');
    const { page } = max;
    await max.goto('/settings');
    await page.getByRole('button', { name: 'Delete account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete your account?' });
    await dialog.getByLabel('Your password').fill('not-my-password');
    await dialog.getByRole('button', { name: 'Delete for good' }).click();
    await visible(dialog.locator('.field-error'));
    await dialog.getByLabel('Your password').fill(max.user.password);
    await dialog.getByRole('button', { name: 'Delete for good' }).click();
    await visible(page.getByRole('heading', { name: 'Welcome back' }));
    const t = await app.gateway();
    const res = await t.gql(`mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`, {
      e: max.user.email,
      p: max.user.password,
    });
    expect(res.errors?.length).toBeGreaterThan(0);
  });
});
