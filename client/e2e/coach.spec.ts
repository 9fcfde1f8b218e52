import { describeWithServer, e2eApp, eventually, expectAccessible, screenshot, textOf, visible } from './support';

const app = e2eApp();

describeWithServer(['Mutation.askCoach', 'Subscription.coachReplyChunk', 'Query.coachConversations'], 'coach chat', () => {
  test('the answer streams into the chat through coachReplyChunk and names the tools it used', async () => {
    const emma = await app.runner('Emma Berg');
    const t = await app.gateway();
    for (let d = 1; d <= 10; d++) {
      await t.gql(
        `mutation($input: RunInput!) { createRun(input: $input) { id } }`,
        { input: { startedAt: new Date(Date.now() - d * 86_400_000).toISOString(), distance: 6000 + d * 300, duration: 1900 + d * 90 } },
        emma.user.token,
      );
    }
    const { page } = emma;
    // Count the chunks the page receives over the WebSocket: proof the text streamed in.
    let chunks = 0;
    page.on('websocket', (ws) =>
      ws.on('framereceived', (f) => void (typeof f.payload === 'string' && f.payload.includes('coachReplyChunk') && chunks++)),
    );
    await emma.goto('/coach');
    await visible(page.getByRole('heading', { name: 'Coach', level: 1 }));
    await expectAccessible(page, 'coach');
    await visible(page.getByText('Live', { exact: true }));
    await page.getByLabel('Your question').fill('How was my training over the last two weeks?');
    await page.getByRole('button', { name: 'Send' }).click();
    await visible(page.getByTestId('user-message').getByText('How was my training'));
    const answer = page.getByTestId('coach-message').last();
    await eventually(async () => expect((await textOf(answer)).length).toBeGreaterThan(40), 60_000);
    await visible(answer.getByTestId('tool-calls'), 60_000);
    expect(chunks).toBeGreaterThan(0);
    await eventually(async () => expect(await textOf(page.locator('.conversations'))).toContain('How was my training'));
    await expectAccessible(page, 'coach with an answer');
    await screenshot(page, 'coach');
  });
});

describeWithServer(['Mutation.generateTrainingPlan', 'Query.trainingPlan'], 'training plan', () => {
  test('generate a plan for a goal race and see it week by week', async () => {
    const gus = await app.runner('Gus Ito');
    const { page } = gus;
    await gus.goto('/plan');
    await visible(page.getByText('No plan yet'));
    await page.getByRole('button', { name: 'Create a plan' }).click();
    const dialog = page.getByRole('dialog', { name: 'Plan for a race' });
    await dialog.getByLabel('Goal race').selectOption('HALF_MARATHON');
    await dialog.getByRole('button', { name: 'Generate plan' }).click();
    await visible(page.getByTestId('plan'));
    expect(await page.getByRole('heading', { name: /^Week \d+/ }).count()).toBeGreaterThan(3);
    await visible(page.getByText(/Half marathon on/));
    await expectAccessible(page, 'training plan');
    await screenshot(page, 'plan');
  });
});
