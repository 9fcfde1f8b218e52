import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { TEST_PASSWORD } from '../../gateway/test/harness';
import { describeWithServer, e2eApp, eventually, expectAccessible, makeGpx, screenshot, textOf, visible } from './support';

// Without SMTP_URL the gateway writes each message to DATA_DIR/outbox/ as an .eml file: this
// spec's gateway gets a DATA_DIR of its own, so the reset mail is read from there.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'maratron-e2e-trust-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const app = e2eApp({ env: { DATA_DIR: dataDir } });

const NEW_PASSWORD = 'a-much-longer-passphrase';
const SIGN_IN = `mutation($e: String!, $p: String!, $c: String) { signIn(email: $e, password: $p, code: $c) { token } }`;
type SignIn = { signIn: { token: string } };
type Track = number[][] | null;

/** Great-circle distance in metres (haversine), as the server measures zones. */
function metresBetween(a: readonly number[], b: readonly number[]) {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h = Math.sin(rad(b[0]! - a[0]!) / 2) ** 2 + Math.cos(rad(a[0]!)) * Math.cos(rad(b[0]!)) * Math.sin(rad(b[1]! - a[1]!) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The reset link of the newest message to `email` in the outbox (quoted-printable undone). */
function resetLinkFor(email: string): string {
  const outbox = path.join(dataDir, 'outbox');
  const files = fs.existsSync(outbox) ? fs.readdirSync(outbox).filter((f) => f.endsWith('.eml')) : [];
  const messages = files
    .sort()
    .reverse()
    .map((f) => fs.readFileSync(path.join(outbox, f), 'utf8').replace(/=\r?\n/g, ''))
    .filter((m) => new RegExp(`^To: .*${email.replace(/[.+]/g, '\\$&')}`, 'mi').test(m));
  const link = messages[0]?.replace(/=3D/gi, '=').match(/https?:\/\/\S+\/reset-password\?token=[\w-]+/)?.[0];
  if (!link) throw new Error(`no reset mail to ${email} in ${outbox}`);
  return link;
}

/** The current TOTP code for a base32 secret, `stepsAhead` 30-second steps from now (RFC 6238, as the server checks it). */
function totp(secret: string, stepsAhead = 0) {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
    timestamp: Date.now() + stepsAhead * 30_000,
  });
}

async function signInThroughTheForm(page: Page, email: string, password: string) {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describeWithServer(['Query.privacyZones', 'Mutation.addPrivacyZone', 'Mutation.importActivity'], 'privacy zones', () => {
  test('a zone added by clicking the map of recent runs hides those points from everyone else', async () => {
    const fay = await app.runner('Fay Moreau');
    const t = await app.gateway();
    const imported = await t.gql<{ importActivity: { id: string; track: Track } }>(
      `mutation($c: String!) { importActivity(format: GPX, content: $c, visibility: PUBLIC) { id track } }`,
      { c: makeGpx({ name: 'From the front door' }) },
      fay.user.token,
    );
    const { id: runId, track } = imported.data!.importActivity;
    // Like most runs, it starts at home.
    const home = track![0]!;

    await fay.goto('/settings/privacy');
    const map = fay.page.getByTestId('zone-map');
    await visible(map);
    await expectAccessible(fay.page, 'privacy settings');
    // A click on the map where the run started puts the zone's centre there.
    const start = (await fay.page.getByTestId('track-start').first().boundingBox())!;
    const box = (await map.boundingBox())!;
    await map.click({ position: { x: start.x + start.width / 2 - box.x, y: start.y + start.height / 2 - box.y } });
    await visible(fay.page.getByTestId('zone-pending'));
    const lat = Number(await fay.page.getByRole('textbox', { name: 'Latitude' }).inputValue());
    const lon = Number(await fay.page.getByRole('textbox', { name: 'Longitude' }).inputValue());
    expect(metresBetween([lat, lon], home)).toBeLessThan(15);

    await fay.page.getByLabel('Name', { exact: true }).fill('Home');
    await fay.page.getByLabel('Radius (m)').fill('300');
    await fay.page.getByRole('button', { name: 'Add zone' }).click();
    await visible(fay.page.getByRole('status').filter({ hasText: 'Home added' }));
    const zones = fay.page.getByRole('list', { name: 'Your privacy zones' });
    await visible(zones.getByText('Home'));
    await visible(zones.getByText(/^300 m around/));
    await expectAccessible(fay.page, 'privacy settings with a zone');
    await screenshot(fay.page, 'privacy-zones');

    const saved = await t.gql<{ privacyZones: { latitude: number; longitude: number; radius: number }[] }>(
      `{ privacyZones { latitude longitude radius } }`,
      {},
      fay.user.token,
    );
    expect(saved.data!.privacyZones).toHaveLength(1);
    const zone = saved.data!.privacyZones[0]!;
    expect(zone.radius).toBe(300);
    expect(metresBetween([zone.latitude, zone.longitude], [lat, lon])).toBeLessThan(2);

    // Another runner sees the run without a single point inside the zone; Fay still sees them all.
    const gus = await t.signUp('Gus Lind');
    const seen = await t.gql<{ run: { track: Track } }>(`query($id: ID!) { run(id: $id) { track } }`, { id: runId }, gus.token);
    const strangerTrack = seen.data!.run.track!;
    expect(strangerTrack.length).toBeGreaterThan(0);
    expect(strangerTrack.length).toBeLessThan(track!.length);
    for (const p of strangerTrack) expect(metresBetween(p, [zone.latitude, zone.longitude])).toBeGreaterThan(zone.radius);
    const own = await t.gql<{ run: { track: Track } }>(`query($id: ID!) { run(id: $id) { track } }`, { id: runId }, fay.user.token);
    expect(own.data!.run.track).toHaveLength(track!.length);

    await fay.page.getByRole('button', { name: 'Remove zone Home' }).click();
    await visible(fay.page.getByText('No privacy zones yet'));
    expect(fay.external).toEqual([]);
    expect(fay.pageErrors).toEqual([]);
  });
});

describeWithServer(['Query.privacyZones'], 'default visibility and hidden maps', () => {
  test('the run form and the import page start from the default visibility; a run can hide its map', async () => {
    const hal = await app.runner('Hal Berg');
    const t = await app.gateway();
    await hal.goto('/settings/privacy');
    const group = hal.page.getByRole('group', { name: 'Who can see my new runs and imports' });
    // A new account starts at Followers.
    expect(await group.getByRole('radio', { name: /^Followers/ }).isChecked()).toBe(true);
    await group.getByRole('radio', { name: /^Only me/ }).check();
    await visible(hal.page.getByRole('status').filter({ hasText: 'Saved' }));

    await hal.goto('/runs/new');
    await visible(hal.page.getByRole('heading', { name: 'Log a run' }));
    expect(await hal.page.getByLabel('Who can see it').inputValue()).toBe('PRIVATE');
    await hal.page.getByLabel('Name', { exact: true }).fill('Quiet recovery');
    await hal.page.getByLabel('Distance (km)').fill('6');
    await hal.page.getByLabel('Time', { exact: true }).fill('36:00');
    await hal.page.getByLabel('Hide map').check();
    await expectAccessible(hal.page, 'run form with hide map');
    await hal.page.getByRole('button', { name: 'Save run' }).click();
    await visible(hal.page.getByRole('heading', { name: 'Quiet recovery' }));
    await visible(hal.page.getByTestId('map-hidden'));
    const runId = new URL(hal.page.url()).pathname.split('/').pop()!;
    const run = await t.gql<{ run: { visibility: string; hideTrack: boolean } }>(
      `query($id: ID!) { run(id: $id) { visibility hideTrack } }`,
      { id: runId },
      hal.user.token,
    );
    expect(run.data!.run).toEqual({ visibility: 'PRIVATE', hideTrack: true });

    // An explicit choice still wins.
    await hal.goto('/runs/new');
    await hal.page.getByLabel('Name', { exact: true }).fill('Parkrun');
    await hal.page.getByLabel('Distance (km)').fill('5');
    await hal.page.getByLabel('Time', { exact: true }).fill('22:30');
    await hal.page.getByLabel('Who can see it').selectOption('PUBLIC');
    await hal.page.getByRole('button', { name: 'Save run' }).click();
    await visible(hal.page.getByRole('heading', { name: 'Parkrun' }));
    const parkrunId = new URL(hal.page.url()).pathname.split('/').pop()!;
    const parkrun = await t.gql<{ run: { visibility: string; hideTrack: boolean } }>(
      `query($id: ID!) { run(id: $id) { visibility hideTrack } }`,
      { id: parkrunId },
      hal.user.token,
    );
    expect(parkrun.data!.run).toEqual({ visibility: 'PUBLIC', hideTrack: false });

    await hal.goto('/import');
    await visible(hal.page.getByRole('heading', { name: 'Import' }));
    expect(await hal.page.getByLabel('Who can see imported runs').inputValue()).toBe('PRIVATE');
  });
});

describeWithServer(['Query.followRequests', 'Mutation.approveFollowRequest', 'Query.notifications'], 'follow requests', () => {
  test('under approval a follow is a request; approving it lets the asker see runs for followers', async () => {
    const ana = await app.runner('Ana Reyes');
    const ben = await app.runner('Ben Adler');
    const t = await app.gateway();
    await t.gql(
      `mutation($input: RunInput!) { createRun(input: $input) { id } }`,
      {
        input: { startedAt: new Date().toISOString(), distance: 8000, duration: 2400, name: 'Tempo for friends', visibility: 'FOLLOWERS' },
      },
      ana.user.token,
    );

    await ana.goto('/settings/followers');
    await ana.page.getByRole('radio', { name: /^I approve each follower/ }).check();
    await visible(ana.page.getByRole('status').filter({ hasText: 'Saved' }));

    await ben.goto(`/u/${ana.user.username}`);
    await visible(ben.page.getByRole('heading', { name: 'Ana Reyes' }));
    await visible(ben.page.getByText('No runs you can see'));
    await ben.page.getByRole('button', { name: 'Request to follow Ana Reyes' }).click();
    await visible(ben.page.getByRole('button', { name: /^Requested/ }));
    await visible(ben.page.getByTestId('relation').getByText('Follow request sent'));
    await expectAccessible(ben.page, 'profile with a pending request');

    // Ana hears of it, and answers from her follow requests.
    await ana.page.getByRole('link', { name: /Notifications/ }).click();
    await visible(ana.page.getByText('asked to follow you'));
    await expectAccessible(ana.page, 'notifications with a follow request');
    await ana.page.getByRole('link', { name: 'Review follow requests' }).click();
    const requests = ana.page.getByRole('list', { name: 'Pending follow requests' });
    await visible(requests.getByText('Ben Adler'));
    await expectAccessible(ana.page, 'follow requests');
    await screenshot(ana.page, 'follow-requests');
    await ana.page.getByRole('button', { name: 'Approve Ben Adler' }).click();
    await visible(ana.page.getByRole('status').filter({ hasText: 'Ben Adler now follows you.' }));
    await visible(ana.page.getByText('No pending requests'));

    await ben.page.reload();
    await visible(ben.page.getByRole('button', { name: 'Unfollow Ana Reyes' }));
    await visible(ben.page.getByTestId('relation').getByText('Following'));
    await visible(ben.page.getByText('Tempo for friends'));
    await ben.page.getByRole('link', { name: /Notifications/ }).click();
    await visible(ben.page.getByText('approved your request to follow them'));
    expect(ben.pageErrors).toEqual([]);
    expect(ana.pageErrors).toEqual([]);
  });

  test('a request can be declined, and withdrawn by the asker', async () => {
    const cy = await app.runner('Cy Twombly');
    const t = await app.gateway();
    await t.gql(`mutation { updateProfile(input: { followPolicy: APPROVAL }) { id } }`, {}, cy.user.token);
    const dee = await t.signUp('Dee Rivers');
    const eli = await app.runner('Eli Stone');
    await t.gql(`mutation($id: ID!) { follow(userId: $id) { id } }`, { id: cy.user.id }, dee.token);

    await eli.goto(`/u/${cy.user.username}`);
    await eli.page.getByRole('button', { name: 'Request to follow Cy Twombly' }).click();
    await eli.page.getByRole('button', { name: /^Requested/ }).click();
    await visible(eli.page.getByRole('button', { name: 'Request to follow Cy Twombly' }));

    await cy.goto('/settings/followers');
    const requests = cy.page.getByRole('list', { name: 'Pending follow requests' });
    await visible(requests.getByText('Dee Rivers'));
    expect(await requests.getByText('Eli Stone').count()).toBe(0);
    await cy.page.getByRole('button', { name: 'Decline Dee Rivers' }).click();
    await visible(cy.page.getByText('No pending requests'));
    const dees = await t.gql<{ user: { viewerFollowState: string } }>(
      `query($u: String!) { user(username: $u) { viewerFollowState } }`,
      { u: cy.user.username },
      dee.token,
    );
    expect(dees.data!.user.viewerFollowState).toBe('NONE');
  });
});

describeWithServer(['Mutation.blockUser', 'Query.blockedUsers', 'Mutation.removeFollower'], 'blocks and followers', () => {
  test('block from a profile: the blocked runner no longer finds the blocker; unblock from settings', async () => {
    const cleo = await app.runner('Cleo Park');
    const dan = await app.runner('Dan Brown');
    const t = await app.gateway();
    await t.gql(`mutation($id: ID!) { follow(userId: $id) { id } }`, { id: cleo.user.id }, dan.user.token);
    await t.gql(`mutation($id: ID!) { follow(userId: $id) { id } }`, { id: dan.user.id }, cleo.user.token);

    await cleo.goto(`/u/${dan.user.username}`);
    await visible(cleo.page.getByRole('heading', { name: 'Dan Brown' }));
    await cleo.page.getByRole('button', { name: 'Block Dan Brown' }).click();
    const dialog = cleo.page.getByRole('dialog', { name: 'Block Dan Brown?' });
    await expectAccessible(cleo.page, 'block dialog');
    await dialog.getByRole('button', { name: 'Block' }).click();
    await visible(cleo.page.getByRole('button', { name: 'Unblock Dan Brown' }));
    await visible(cleo.page.getByTestId('relation').getByText('Blocked'));

    // To Dan, Cleo is no one; and the follows both ways are gone.
    await dan.goto(`/u/${cleo.user.username}`);
    await visible(dan.page.getByText('Runner not found'));
    const follows = await t.gql<{ me: { followerCount: number; followingCount: number } }>(
      `{ me { followerCount followingCount } }`,
      {},
      cleo.user.token,
    );
    expect(follows.data!.me).toEqual({ followerCount: 0, followingCount: 0 });

    await cleo.goto('/settings/followers');
    const blocked = cleo.page.getByRole('list', { name: 'Blocked runners' });
    await visible(blocked.getByText('Dan Brown'));
    await expectAccessible(cleo.page, 'followers settings with a blocked runner');
    await screenshot(cleo.page, 'blocked-runners');
    await cleo.page.getByRole('button', { name: 'Unblock Dan Brown' }).click();
    await visible(cleo.page.getByText('You have blocked nobody'));
    const again = await t.gql<{ user: { id: string } | null }>(
      `query($u: String!) { user(username: $u) { id } }`,
      { u: cleo.user.username },
      dan.user.token,
    );
    expect(again.data!.user?.id).toBe(cleo.user.id);
  });

  test('remove a follower from their profile', async () => {
    const fox = await app.runner('Fox Mulder');
    const t = await app.gateway();
    const gil = await t.signUp('Gil Scott');
    await t.gql(`mutation($id: ID!) { follow(userId: $id) { id } }`, { id: fox.user.id }, gil.token);
    await fox.goto(`/u/${gil.username}`);
    await fox.page.getByRole('button', { name: 'Remove follower Gil Scott' }).click();
    await fox.page
      .getByRole('dialog', { name: 'Remove Gil Scott as a follower?' })
      .getByRole('button', { name: 'Remove follower' })
      .click();
    await visible(fox.page.getByRole('status').filter({ hasText: 'Gil Scott no longer follows you.' }));
    // Gil follows Fox no more: the profile stops offering to remove him.
    expect(await fox.page.getByRole('button', { name: 'Remove follower Gil Scott' }).count()).toBe(0);
    const gils = await t.gql<{ user: { viewerFollowState: string } }>(
      `query($u: String!) { user(username: $u) { viewerFollowState } }`,
      { u: fox.user.username },
      gil.token,
    );
    expect(gils.data!.user.viewerFollowState).toBe('NONE');
  });
});

describeWithServer(['Query.sessions', 'Mutation.revokeSession', 'Mutation.signOut'], 'sessions', () => {
  test('the sessions list shows this device; signing out another device ends it there; sign out ends this one', async () => {
    const ida = await app.runner('Ida Wells');
    const t = await app.gateway();
    // A second device: the same runner signs in through the form in another browser.
    const other = await app.anonymous({ width: 390, height: 844 });
    await signInThroughTheForm(other.page, ida.user.email, ida.user.password);
    await visible(other.page.getByRole('heading', { name: 'Hi, Ida' }));

    await ida.goto('/settings/security');
    const list = ida.page.getByRole('list', { name: 'Your sessions' });
    await eventually(async () => expect(await list.getByTestId('session').count()).toBe(2));
    const current = list.getByTestId('session').filter({ hasText: 'This device' });
    expect(await current.count()).toBe(1);
    await expectAccessible(ida.page, 'security settings');
    await screenshot(ida.page, 'security');
    const otherSession = list.getByTestId('session').filter({ hasNotText: 'This device' });
    expect(await textOf(otherSession)).toMatch(/Chrom/);
    await otherSession.getByRole('button', { name: /^Sign out/ }).click();
    await visible(ida.page.getByRole('status').filter({ hasText: 'is signed out.' }));
    await eventually(async () => expect(await list.getByTestId('session').count()).toBe(1));

    // The other browser is refused on its next request and lands on the sign-in page.
    await other.page.reload();
    await visible(other.page.getByRole('heading', { name: 'Welcome back' }));

    // Signing out here ends this session on the server too.
    const token = await ida.page.evaluate(() => localStorage.getItem('maratron.token'));
    await current.getByRole('button', { name: 'Sign out' }).click();
    await visible(ida.page.getByRole('heading', { name: 'Welcome back' }));
    const after = await t.gql<{ me: { id: string } | null }>(`{ me { id } }`, {}, token!);
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(ida.pageErrors).toEqual([]);
  });
});

describeWithServer(['Mutation.changePassword'], 'change password', () => {
  test('a wrong current password is refused on its field; the change keeps this device and ends the others', async () => {
    const jo = await app.runner('Jo March');
    const t = await app.gateway();
    const elsewhere = await t.gql<SignIn>(SIGN_IN, { e: jo.user.email, p: TEST_PASSWORD });
    const otherToken = elsewhere.data!.signIn.token;

    await jo.goto('/settings/security');
    const form = jo.page.getByRole('region', { name: 'Password' });
    await form.getByLabel('Current password').fill('not-my-password');
    await form.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await form.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Change password' }).click();
    await visible(form.locator('.field-error'));
    await form.getByLabel('Current password').fill(TEST_PASSWORD);
    await form.getByRole('button', { name: 'Change password' }).click();
    await visible(form.getByRole('status').filter({ hasText: 'Password changed' }));

    // This device is still signed in.
    await jo.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Runs' }).click();
    await visible(jo.page.getByRole('heading', { name: 'Runs', level: 1 }));
    const refused = await t.gql(`{ me { id } }`, {}, otherToken);
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.gql<SignIn>(SIGN_IN, { e: jo.user.email, p: TEST_PASSWORD })).errors?.length).toBeGreaterThan(0);
    expect((await t.gql<SignIn>(SIGN_IN, { e: jo.user.email, p: NEW_PASSWORD })).data?.signIn.token).toBeTruthy();
  });
});

describeWithServer(['Mutation.requestPasswordReset', 'Mutation.resetPassword'], 'forgot password', () => {
  test('the link from the mail sets a new password and signs in, once', async () => {
    const t = await app.gateway();
    const kay = await t.signUp('Kay Nguyen');
    const { page, pageErrors } = await app.anonymous();
    await page.goto('/signin');
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await visible(page.getByRole('heading', { name: 'Reset your password' }));
    await expectAccessible(page, 'forgot password');
    await page.getByLabel('Email').fill(kay.email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await visible(page.getByRole('status').filter({ hasText: `If an account exists for ${kay.email}` }));

    // An unknown address reads exactly the same.
    await page.getByRole('button', { name: 'Use another address' }).click();
    await page.getByLabel('Email').fill('nobody-here@example.com');
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'If an account exists for nobody-here@example.com' }));

    let link = '';
    await eventually(() => {
      link = resetLinkFor(kay.email);
    });
    const url = new URL(link);
    await page.goto(`${url.pathname}${url.search}`);
    await visible(page.getByRole('heading', { name: 'Choose a new password' }));
    await expectAccessible(page, 'reset password');
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await visible(page.getByRole('heading', { name: 'Hi, Kay' }));
    expect((await t.gql<SignIn>(SIGN_IN, { e: kay.email, p: NEW_PASSWORD })).data?.signIn.token).toBeTruthy();

    // The link works once.
    const { page: later } = await app.anonymous();
    await later.goto(`${url.pathname}${url.search}`);
    await later.getByLabel('New password', { exact: true }).fill('yet-another-passphrase');
    await later.getByLabel('Repeat the new password').fill('yet-another-passphrase');
    await later.getByRole('button', { name: 'Set password and sign in' }).click();
    await visible(later.getByRole('alert').filter({ hasText: /not valid/ }));
    expect(pageErrors).toEqual([]);
  });
});

describeWithServer(['Mutation.enableTwoFactor', 'Mutation.confirmTwoFactor'], 'two-step sign-in', () => {
  test('turn it on with the QR code’s secret; signing in then asks for a code or a recovery code', async () => {
    const lia = await app.runner('Lia Costa');
    await lia.goto('/settings/security');
    const card = lia.page.getByRole('region', { name: /Two-step sign-in/ });
    await card.getByRole('button', { name: 'Set up two-step sign-in' }).click();
    await visible(card.getByRole('img', { name: 'QR code to scan with your authenticator app' }));
    const secret = (await textOf(card.getByTestId('two-factor-secret'))).replace(/\s+/g, '');
    await expectAccessible(lia.page, 'two-step setup');
    await screenshot(lia.page, 'two-step-setup');
    await card.getByLabel('6-digit code').fill('000000' === totp(secret) ? '111111' : '000000');
    await card.getByRole('button', { name: 'Turn on' }).click();
    await visible(card.locator('.field-error'));
    await card.getByLabel('6-digit code').fill(totp(secret));
    await card.getByRole('button', { name: 'Turn on' }).click();
    const codes = card.getByRole('list', { name: 'Recovery codes' });
    await visible(codes);
    const recovery = (await codes.getByRole('listitem').allTextContents()).map((c) => c.trim());
    expect(recovery).toHaveLength(10);
    await card.getByRole('button', { name: 'I have saved them' }).click();
    await visible(card.getByRole('button', { name: 'Turn off two-step sign-in' }));
    expect(await textOf(card.locator('h2'))).toContain('On');

    // Signing in now takes a second step. A code already used is not accepted again: the next step's.
    const { page } = await app.anonymous({ width: 390, height: 844 });
    await signInThroughTheForm(page, lia.user.email, lia.user.password);
    await visible(page.getByRole('heading', { name: 'Two-step sign-in' }));
    await expectAccessible(page, 'two-step sign-in (phone)');
    await page.getByLabel('Code').fill('123456' === totp(secret, 1) ? '654321' : '123456');
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await visible(page.getByText('That code did not work.'));
    await page.getByLabel('Code').fill(totp(secret, 1));
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await visible(page.getByRole('heading', { name: 'Hi, Lia' }));

    // No phone at hand: a recovery code, once.
    const { page: third } = await app.anonymous();
    await signInThroughTheForm(third, lia.user.email, lia.user.password);
    await third.getByLabel('Code').fill(recovery[0]!);
    await third.getByRole('button', { name: 'Verify and sign in' }).click();
    await visible(third.getByRole('heading', { name: 'Hi, Lia' }));
    const t = await app.gateway();
    const reused = await t.gql<SignIn>(SIGN_IN, { e: lia.user.email, p: lia.user.password, c: recovery[0] });
    expect(reused.errors?.[0]?.extensions?.twoFactorRequired).toBe(true);
  });
});
