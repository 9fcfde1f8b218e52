import { describeWithServer, e2eApp, eventually, expectAccessible, screenshot, textOf, visible } from './support';

const app = e2eApp();

const CREATE_RUN = `mutation($input: RunInput!) { createRun(input: $input) { id } }`;
const daysAgo = (d: number, hour = 7) => new Date(Date.now() - d * 86_400_000 + (hour - new Date().getHours()) * 3600_000).toISOString();

describe('runs', () => {
  test('sign up, log a run and see it on the dashboard and in the runs list', async () => {
    const { page, external, pageErrors } = await app.anonymous();
    await page.goto('/runs');
    await visible(page.getByRole('heading', { name: 'Welcome back' }));
    await page.getByRole('link', { name: 'Create an account' }).click();
    await visible(page.getByRole('heading', { name: 'Create your account' }));

    // Inline validation before anything is sent.
    await page.getByRole('button', { name: 'Create account' }).click();
    await visible(page.getByText('Tell us your name.'));
    await expectAccessible(page, 'sign up (with errors)');
    await screenshot(page, 'signup');

    const username = `ada${Date.now().toString(36)}`;
    await page.getByLabel('Name', { exact: true }).fill('Ada Lovelace');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Email').fill(`${username}@example.com`);
    await page.getByLabel('Password').fill('correct-horse-battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    await visible(page.getByRole('heading', { name: 'Hi, Ada' }));
    await visible(page.getByText('No runs yet'));

    await page.getByRole('link', { name: 'Log a run' }).first().click();
    await visible(page.getByRole('heading', { name: 'Log a run' }));
    await page.getByRole('button', { name: 'Save run' }).click();
    await visible(page.getByText('Enter a distance in km, greater than 0.'));
    await page.getByLabel('Name', { exact: true }).fill('Tempo Tuesday');
    await page.getByLabel('Distance (km)').fill('10');
    await page.getByLabel('Time', { exact: true }).fill('49:10');
    await visible(page.getByText('Pace 4:55 /km'));
    await expectAccessible(page, 'log a run');
    await screenshot(page, 'run-form');
    await page.getByRole('button', { name: 'Save run' }).click();

    await visible(page.getByRole('heading', { name: 'Tempo Tuesday' }));
    const summary = page.getByRole('region', { name: 'Summary' });
    await visible(summary.getByText('10.00 km'));
    await visible(summary.getByText('4:55 /km'));

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    await visible(page.getByTestId('recent-runs').getByText('Tempo Tuesday'));
    await eventually(async () => expect(await textOf(page.getByTestId('stats-week'))).toContain('10.0 km'));
    await expectAccessible(page, 'dashboard');
    await screenshot(page, 'dashboard-first-run');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Runs' }).click();
    await visible(page.getByTestId('runs-list').getByText('Tempo Tuesday'));
    await visible(page.getByText('1 run', { exact: true }));
    await expectAccessible(page, 'runs list');
    await screenshot(page, 'runs');

    expect(external).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  test('the server names the field of a bad input: a taken username is shown under Username', async () => {
    const taken = await app.runner('Taken');
    const { page } = await app.anonymous();
    await page.goto('/signup');
    await page.getByLabel('Name', { exact: true }).fill('Someone Else');
    await page.getByLabel('Username').fill(taken.user.username);
    await page.getByLabel('Email').fill(`other-${taken.user.email}`);
    await page.getByLabel('Password').fill('correct-horse-battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    const username = page.getByLabel('Username');
    await eventually(async () => expect(await username.getAttribute('aria-invalid')).toBe('true'));
    const describedBy = await username.getAttribute('aria-describedby');
    expect(await textOf(page.locator(`[id="${describedBy}"]`))).toBe('This username is already taken');
  });

  test('edit a run, switch to miles everywhere, delete the run', async () => {
    const ana = await app.runner('Ana');
    const t = await app.gateway();
    const res = await t.gql<{ createRun: { id: string } }>(
      CREATE_RUN,
      { input: { startedAt: daysAgo(1), distance: 8046.72, duration: 2400, name: 'Easy eight' } },
      ana.user.token,
    );
    const runId = res.data!.createRun.id;
    const { page } = ana;

    await ana.goto(`/runs/${runId}`);
    await visible(page.getByRole('heading', { name: 'Easy eight' }));
    await page.getByRole('link', { name: 'Edit' }).click();
    await visible(page.getByRole('heading', { name: 'Edit run' }));
    await expectAccessible(page, 'edit run');
    await page.getByLabel('Name', { exact: true }).fill('Easy five miles');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await visible(page.getByRole('heading', { name: 'Easy five miles' }));

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Miles (mi, ft)').check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await visible(page.getByText('Saved'));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Runs' }).click();
    await visible(page.getByTestId('runs-list').getByText('5.00 mi'));
    await visible(page.getByTestId('runs-list').getByText('8:00 /mi'));

    await page.getByTestId('runs-list').getByText('Easy five miles').click();
    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this run?' });
    await visible(dialog);
    await expectAccessible(page, 'delete confirmation');
    await dialog.getByRole('button', { name: 'Delete run' }).click();
    await visible(page.getByText('No runs yet'));
  });

  test('on a phone: the menu opens by keyboard and every control is reachable', async () => {
    const ben = await app.runner('Ben', { width: 390, height: 844 });
    const { page } = ben;
    await ben.goto('/');
    await visible(page.getByRole('heading', { name: 'Hi, Ben' }));
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'Feed' }).isVisible()).toBe(false);
    const menu = page.getByRole('button', { name: 'Menu' });
    await menu.focus();
    await page.keyboard.press('Enter');
    await visible(nav.getByRole('link', { name: 'Shoes' }));
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await nav.getByRole('link', { name: 'Shoes' }).click();
    await visible(page.getByRole('heading', { name: 'Shoes', level: 1 }));
    await page.getByRole('button', { name: 'Add shoe' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a shoe' });
    await dialog.getByLabel('Name', { exact: true }).fill('Novablast 4');
    await dialog.getByLabel('Brand').fill('ASICS');
    await dialog.getByLabel('Use for new runs by default').check();
    await dialog.getByRole('button', { name: 'Add shoe' }).click();
    await visible(page.getByRole('heading', { name: 'Novablast 4' }));
    await visible(page.getByText('Default', { exact: true }));
    await expectAccessible(page, 'shoes (phone)');
    await screenshot(page, 'shoes-phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

describeWithServer(['Query.trainingSummary'], 'dashboard training summary', () => {
  test('weekly volume, training load, records and predictions come from trainingSummary', async () => {
    const chloe = await app.runner('Chloe');
    const t = await app.gateway();
    for (let d = 1; d <= 40; d += 2) {
      await t.gql(
        CREATE_RUN,
        {
          input: {
            startedAt: daysAgo(d),
            distance: 5000 + (d % 5) * 1500,
            duration: Math.round((5000 + (d % 5) * 1500) * 0.3),
            name: `Run ${d}`,
          },
        },
        chloe.user.token,
      );
    }
    const { page } = chloe;
    await chloe.goto('/');
    await visible(page.getByTestId('weekly-volume').locator('svg'));
    await visible(page.getByTestId('training-load').locator('svg'));
    await visible(page.getByRole('region', { name: 'Race predictions' }).getByText('Marathon'));
    await visible(page.getByRole('region', { name: 'Personal records' }).getByText('5K'));
    await expectAccessible(page, 'dashboard with training summary');
    await screenshot(page, 'dashboard');
  });
});
