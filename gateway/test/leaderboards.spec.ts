import { errorOf, ok, startTestGateway } from './harness';
import type { TestGateway, TestUser } from './harness';
import { socialFixtures } from './social-fixtures';

let t: TestGateway;
let f: ReturnType<typeof socialFixtures>;
beforeAll(async () => {
  t = await startTestGateway();
  f = socialFixtures(t);
});
afterAll(() => t.close());

const BOARD = `query($p: Period!, $g: ID) { leaderboard(period: $p, groupId: $g) { rank user { id } distance runCount } }`;
const board = async (user: TestUser, period: string, groupId: string | null = null) =>
  ok(
    await t.gql<{ leaderboard: { rank: number; user: { id: string }; distance: number; runCount: number }[] }>(
      BOARD,
      { p: period, g: groupId },
      user.token,
    ),
  ).leaderboard;
const now = () => new Date(Date.now() - 1000).toISOString();

describe('leaderboards', () => {
  it('ranks you and the runners you follow by distance in the period, from the runs you may see', async () => {
    const me = await t.signUp('Me');
    const [a, b, c, stranger] = await Promise.all([t.signUp('A'), t.signUp('B'), t.signUp('C'), t.signUp('Stranger')]);
    for (const u of [a, b, c]) await f.follow(me, u);
    await f.run(me, { startedAt: now(), distance: 10000, duration: 3000 });
    await f.run(a, { startedAt: now(), distance: 15000, duration: 4500 });
    await f.run(a, { startedAt: now(), distance: 5000, duration: 1500, visibility: 'PRIVATE' });
    await f.run(b, { startedAt: now(), distance: 6000, duration: 1800 });
    await f.run(b, { startedAt: now(), distance: 4000, duration: 1200, visibility: 'FOLLOWERS' });
    await f.run(b, { startedAt: '2020-01-01T07:00:00Z', distance: 42195, duration: 12000 });
    await f.run(stranger, { startedAt: now(), distance: 50000, duration: 15000 });

    const week = await board(me, 'WEEK');
    // a's private run doesn't count; b's FOLLOWERS run does (I follow b); b ties with me on
    // distance and wins on run count; c has no runs and is last; the stranger isn't on it.
    expect(week).toEqual([
      { rank: 1, user: { id: a.id }, distance: 15000, runCount: 1 },
      { rank: 2, user: { id: b.id }, distance: 10000, runCount: 2 },
      { rank: 3, user: { id: me.id }, distance: 10000, runCount: 1 },
      { rank: 4, user: { id: c.id }, distance: 0, runCount: 0 },
    ]);
    const allTime = await board(me, 'ALL_TIME');
    expect(allTime[0]).toEqual({ rank: 1, user: { id: b.id }, distance: 52195, runCount: 3 });
    // Someone who doesn't follow b sees only b's public runs on a group board.
    const club = await f.group(b, false, [stranger]);
    const theirs = await board(stranger, 'WEEK', club);
    expect(theirs).toEqual([
      { rank: 1, user: { id: stranger.id }, distance: 50000, runCount: 1 },
      { rank: 2, user: { id: b.id }, distance: 6000, runCount: 1 },
    ]);
  });

  it("keeps a private group's board for its members", async () => {
    const owner = await t.signUp('Owner');
    const member = await t.signUp('Member');
    const outsider = await t.signUp('Outsider');
    const id = await f.group(owner, true, [member]);
    await f.run(member, { startedAt: now(), distance: 8000, duration: 2400 });
    expect((await board(member, 'MONTH', id)).map((e) => e.user.id)).toEqual([member.id, owner.id]);
    expect(errorOf(await t.gql(BOARD, { p: 'MONTH', g: id }, outsider.token)).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(BOARD, { p: 'MONTH', g: '00000000-0000-4000-8000-000000000000' }, outsider.token)).code).toBe('NOT_FOUND');
    expect(errorOf(await t.gql(BOARD, { p: 'MONTH', g: 'x' }, outsider.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'groupId' });
    expect(errorOf(await t.gql(BOARD, { p: 'MONTH' })).code).toBe('UNAUTHENTICATED');
  });
});
