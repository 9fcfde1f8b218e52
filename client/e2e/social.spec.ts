import { describeWithServer, e2eApp, eventually, expectAccessible, screenshot, textOf, visible } from './support';

const app = e2eApp();

describeWithServer(
  ['Query.feed', 'Mutation.likePost', 'Subscription.feedPostAdded', 'Subscription.postUpdated', 'Subscription.notificationAdded'],
  'the live feed between two runners',
  () => {
    test('a shared run appears in a follower’s feed without reload; kudos update live on the other side', async () => {
      const ana = await app.runner('Ana Silva');
      const ben = await app.runner('Ben Okafor');

      // Ana follows Ben from his profile.
      await ana.goto(`/u/${ben.user.username}`);
      await visible(ana.page.getByRole('heading', { name: 'Ben Okafor' }));
      await ana.page.getByRole('button', { name: 'Follow Ben Okafor' }).click();
      await visible(ana.page.getByRole('button', { name: 'Unfollow Ben Okafor' }));
      await expectAccessible(ana.page, 'profile');

      // Ana's feed is open (and live) before Ben shares anything.
      await ana.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Feed' }).click();
      await visible(ana.page.getByRole('heading', { name: 'Feed', level: 1 }));
      await visible(ana.page.getByText('Live', { exact: true }));

      // Ben logs a run and shares it.
      await ben.goto('/runs/new');
      await ben.page.getByLabel('Name', { exact: true }).fill('Hill repeats');
      await ben.page.getByLabel('Distance (km)').fill('8.4');
      await ben.page.getByLabel('Time', { exact: true }).fill('44:30');
      await ben.page.getByLabel('Share it with my followers in the feed').check();
      await ben.page.getByRole('button', { name: 'Save run' }).click();
      await visible(ben.page.getByRole('heading', { name: 'Hill repeats' }));

      // It reaches Ana live: no reload happened on her page.
      const post = ana.page.getByTestId('post').filter({ hasText: 'Hill repeats' });
      await visible(post, 30_000);

      // Ben watches his own post in his feed; Ana gives kudos; Ben's count goes to 1 live.
      await ben.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Feed' }).click();
      const benPost = ben.page.getByTestId('post').filter({ hasText: 'Hill repeats' });
      await visible(benPost);
      expect(await textOf(benPost.getByTestId('like-count'))).toBe('0');
      await visible(ben.page.getByText('Live', { exact: true }));
      await post.getByRole('button', { name: /kudos/ }).click();
      await eventually(async () => expect(await textOf(benPost.getByTestId('like-count'))).toBe('1'), 30_000);
      // …and the kudos notification lights Ben's badge live (unread: Ana's follow, then her kudos).
      await eventually(async () => expect(await textOf(ben.page.getByTestId('unread-badge'))).toBe('2'), 30_000);

      // A comment from Ana shows up in Ben's open comments live.
      await benPost.getByRole('button', { name: /comments/ }).click();
      await visible(benPost.getByRole('textbox', { name: 'Write a comment' }));
      await post.getByRole('button', { name: /comments/ }).click();
      await post.getByRole('textbox', { name: 'Write a comment' }).fill('Strong climbing!');
      await post.getByRole('button', { name: 'Send' }).click();
      await visible(benPost.getByText('Strong climbing!'), 30_000);

      await expectAccessible(ana.page, 'feed');
      await screenshot(ana.page, 'feed');
      await ben.page.getByRole('link', { name: /Notifications/ }).click();
      await visible(ben.page.getByText('gave kudos to your post'));
      await expectAccessible(ben.page, 'notifications');
      await screenshot(ben.page, 'notifications');
      expect(ana.external).toEqual([]);
      expect(ana.pageErrors).toEqual([]);
    });
  },
);

describeWithServer(['Mutation.createGroup', 'Mutation.joinGroup', 'Query.leaderboard', 'Subscription.leaderboardUpdated'], 'groups', () => {
  test('create a group, another runner joins, the group leaderboard updates live', async () => {
    const chloe = await app.runner('Chloe Martin');
    const dev = await app.runner('Dev Patel');
    const t = await app.gateway();

    await chloe.goto('/groups');
    await chloe.page.getByRole('button', { name: 'New group' }).click();
    const dialog = chloe.page.getByRole('dialog', { name: 'New group' });
    await dialog.getByLabel('Name', { exact: true }).fill('Sunrise Striders');
    await dialog.getByLabel('Description').fill('Early runs along the canal, all paces welcome.');
    await dialog.getByRole('button', { name: 'Create group' }).click();
    await visible(chloe.page.getByRole('heading', { name: 'Sunrise Striders' }));
    const groupUrl = new URL(chloe.page.url()).pathname;

    await dev.goto('/groups');
    await dev.page.getByLabel('Search groups').fill('Sunrise');
    await dev.page.getByRole('button', { name: 'Join Sunrise Striders' }).click();
    await visible(dev.page.getByRole('button', { name: 'Leave Sunrise Striders' }));
    await expectAccessible(dev.page, 'groups');

    await chloe.goto(groupUrl);
    await visible(chloe.page.getByText('2 members'));
    await expectAccessible(chloe.page, 'group');
    const board = chloe.page.getByTestId('leaderboard');
    await t.gql(
      `mutation($input: RunInput!) { createRun(input: $input) { id } }`,
      // PUBLIC: a new account's runs default to FOLLOWERS, and Chloe does not follow Dev.
      { input: { startedAt: new Date().toISOString(), distance: 12000, duration: 3600, visibility: 'PUBLIC' } },
      dev.user.token,
    );
    // Dev is on the board since he joined; his run moves it live.
    await eventually(async () => expect(await textOf(board)).toMatch(/Dev Patel12\.0 km/), 30_000);
    await screenshot(chloe.page, 'group');
  });
});
