// The rough edges a newcomer hit (issue 17, item 1), each as the runner meets it in the browser.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { e2eApp, eventually, expectAccessible, makeGpx, textOf, visible } from './support';
import type { Runner } from './support';

const app = e2eApp();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'maratron-e2e-rough-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array) {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, content);
  return p;
}

async function gql<T>(runner: Runner, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const t = await app.gateway();
  const res = await t.gql<T>(query, variables, runner.user.token);
  if (res.errors?.length) throw new Error(JSON.stringify(res.errors));
  return res.data!;
}

const shoeOf = async (runner: Runner, runId: string) =>
  (await gql<{ run: { shoe: { name: string } | null } }>(runner, `query($id: ID!) { run(id: $id) { shoe { name } } }`, { id: runId })).run
    .shoe?.name ?? null;

const runIdFromUrl = (url: string) => /\/runs\/([0-9a-f-]{36})$/.exec(new URL(url).pathname)?.[1];

describe('the default shoe', () => {
  test('a run logged in the form and a file imported on the Import page get the default shoe; "No shoe" means none', async () => {
    const ida = await app.runner('Ida Shoe');
    await gql(ida, `mutation { createShoe(input: { name: "Pegasus 41", isDefault: true }) { id } }`);
    const { page } = ida;

    await ida.goto('/runs/new');
    await page.getByLabel('Distance (km)').fill('8');
    await page.getByLabel('Time', { exact: true }).fill('40:00');
    await eventually(async () =>
      expect(await textOf(page.getByLabel('Shoe', { exact: true }).locator('option:checked'))).toBe('Default (Pegasus 41)'),
    );
    await page.getByRole('button', { name: 'Save run' }).click();
    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
    expect(await shoeOf(ida, runIdFromUrl(page.url())!)).toBe('Pegasus 41');

    await ida.goto('/runs/new');
    await page.getByLabel('Distance (km)').fill('5');
    await page.getByLabel('Time', { exact: true }).fill('25:00');
    await eventually(async () =>
      expect(await textOf(page.getByLabel('Shoe', { exact: true }).locator('option:checked'))).toBe('Default (Pegasus 41)'),
    );
    await page.getByLabel('Shoe', { exact: true }).selectOption({ label: 'No shoe' });
    await page.getByRole('button', { name: 'Save run' }).click();
    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
    expect(await shoeOf(ida, runIdFromUrl(page.url())!)).toBeNull();

    await ida.goto('/import');
    // The picker names the default once the runner's shoes have loaded.
    await eventually(async () =>
      expect(await textOf(page.getByLabel('Shoe (single files)').locator('option:checked'))).toBe('Default (Pegasus 41)'),
    );
    await page.getByTestId('import-input').setInputFiles(file('easy.gpx', makeGpx({ name: 'Easy shoe run', km: 3 })));
    const result = page.locator('.import-result').filter({ hasText: 'easy.gpx' });
    await visible(result.getByText('Imported'));
    const href = await result.getByRole('link').getAttribute('href');
    expect(await shoeOf(ida, href!.split('/').pop()!)).toBe('Pegasus 41');
  });
});

describe('the Import page', () => {
  test('says in plain words why a file was refused, on its own and inside an archive', async () => {
    const jo = await app.runner('Jo Plain');
    const { page } = jo;
    await jo.goto('/import');
    const ride = makeGpx({ name: 'Commute', km: 6, paceSecPerKm: 150 }).replace('<type>running</type>', '<type>cycling</type>');
    await page.getByTestId('import-input').setInputFiles(file('commute.gpx', ride));
    const single = page.locator('.import-result').filter({ hasText: 'commute.gpx' });
    await visible(single.getByText('Failed'));
    expect(await textOf(single.locator('.error-text'))).toBe('The file is a cycling activity, not a run; only runs can be imported');

    const archive = zipSync({
      'rides/commute.gpx': strToU8(ride),
      'runs/broken.gpx': strToU8('<gpx><trk><trkseg><trkpt'),
      'runs/ok.gpx': strToU8(makeGpx({ name: 'Fine', km: 2 })),
    });
    await page.getByTestId('import-input').setInputFiles(file('mixed.zip', archive));
    const job = page.locator('.import-result').filter({ hasText: 'mixed.zip' }).getByTestId('import-job');
    await eventually(async () => expect(await job.getAttribute('data-status')).toBe('DONE'), 60_000);
    await job.getByText('2 problems').click();
    const problems = await job.locator('.problems li').allTextContents();
    expect(problems).toHaveLength(2);
    // "file: Sentence.", never a field name or a sentence cut in half.
    for (const text of problems) expect(text).toMatch(/^(rides|runs)\/\w+\.gpx: [A-Z]/);
    expect(problems.join(' ')).not.toMatch(/\bcontent\b|\[object Object\]/);
  });

  test("an archive's result shows as imported only once its job is done, under the archive's own name", async () => {
    const kai = await app.runner('Kai Pill');
    const { page } = kai;
    await kai.goto('/import');
    const day = 86_400_000;
    const entries: Record<string, Uint8Array> = {};
    for (let i = 0; i < 40; i++)
      entries[`activities/run-${i}.gpx`] = strToU8(makeGpx({ name: `Run ${i}`, km: 5, startedAt: new Date(Date.now() - (i + 2) * day) }));
    // What the result and its job say, read together, every few milliseconds from the upload to the end.
    const seen: { pill: string; job: string | null }[] = [];
    const name = 'Läufe März.zip';
    await page.getByTestId('import-input').setInputFiles(file(name, zipSync(entries)));
    const result = page.locator('.import-result').filter({ hasText: name });
    await visible(result);
    for (let i = 0; i < 2000; i++) {
      const state = await result.evaluate((li) => ({
        pill: li.querySelector('.row-between .pill')?.textContent ?? '',
        job: li.querySelector('[data-testid="import-job"]')?.getAttribute('data-status') ?? null,
      }));
      seen.push(state);
      if (state.job === 'DONE' && state.pill === 'Imported') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(seen.at(-1)).toEqual({ pill: 'Imported', job: 'DONE' });
    expect(seen.filter((s) => s.pill === 'Imported' && s.job !== 'DONE')).toEqual([]);
    // The server kept the name the browser sent (Content-Disposition), non-ASCII and all.
    await visible(page.getByTestId('import-job').getByText(name, { exact: true }).first());
    const jobs = await gql<{ importJobs: { fileName: string | null }[] }>(kai, `{ importJobs { fileName } }`);
    expect(jobs.importJobs.map((j) => j.fileName)).toEqual([name]);
  });
});

describe('run and coach details', () => {
  test("a split's pace reads exactly its time for a full kilometre", async () => {
    const lea = await app.runner('Lea Split');
    const t = await app.gateway();
    const res = await t.gql<{ importActivity: { id: string } }>(
      `mutation($c: String!) { importActivity(format: GPX, content: $c) { id } }`,
      { c: makeGpx({ name: 'Steady', km: 6.3, paceSecPerKm: 258.6 }) },
      lea.user.token,
    );
    await lea.goto(`/runs/${res.data!.importActivity.id}`);
    const rows = lea.page.getByTestId('splits').locator('tbody tr');
    await visible(rows);
    const full = (
      await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')))
    ).filter((cells) => cells[0] === '1.00 km');
    expect(full.length).toBeGreaterThanOrEqual(5);
    for (const [, time, pace] of full) expect(pace.replace(/\s/g, '')).toBe(`${time}/km`);
  });

  test("a long first question stays inside the coach's conversation card", async () => {
    const max = await app.runner('Max Title');
    await gql(max, `mutation($m: String!) { askCoach(message: $m) { conversationId } }`, {
      m: 'Howcanimakemylongrunsfeeleasierwhenthesummerheatarrivesandmyheartrateclimbs quickly?',
    });
    for (const viewport of [
      { width: 1280, height: 900 },
      { width: 390, height: 844 },
    ]) {
      await max.page.setViewportSize(viewport);
      await max.goto('/coach');
      const title = max.page.locator('.conversation-title').first();
      await visible(title);
      const [titleBox, cardBox] = [await title.boundingBox(), await max.page.locator('.coach-history').boundingBox()];
      expect(titleBox!.x + titleBox!.width).toBeLessThanOrEqual(cardBox!.x + cardBox!.width);
      expect(await max.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    }
  });

  test('a notification about a post that only shares a run names the run, not an empty quote', async () => {
    const noa = await app.runner('Noa Share');
    const fan = await (await app.gateway()).signUp('Fan Kudos');
    const t = await app.gateway();
    const run = await gql<{ createRun: { id: string } }>(noa, `mutation($i: RunInput!) { createRun(input: $i) { id } }`, {
      i: {
        startedAt: new Date(Date.now() - 3600_000).toISOString(),
        distance: 10_000,
        duration: 3000,
        name: 'Bridge loop',
        visibility: 'PUBLIC',
      },
    });
    const post = await gql<{ createPost: { id: string } }>(noa, `mutation($i: PostInput!) { createPost(input: $i) { id } }`, {
      i: { text: '', runId: run.createRun.id },
    });
    await t.gql(`mutation($id: ID!) { likePost(postId: $id) { id } }`, { id: post.createPost.id }, fan.token);
    await noa.goto('/notifications');
    const item = noa.page.locator('.notification').first();
    await visible(item.getByText('gave kudos to your post'));
    const text = await textOf(item.locator('p').first());
    expect(text).not.toContain('“”');
    expect(text).toContain('the run “Bridge loop” (10.00 km)');
    await expectAccessible(noa.page, 'notifications with a shared run');
  });
});
