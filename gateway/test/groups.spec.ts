import { errorOf, ok, startTestGateway } from './harness';
import type { Edges, Page, TestGateway, TestUser } from './harness';
import { socialFixtures } from './social-fixtures';

let t: TestGateway;
let f: ReturnType<typeof socialFixtures>;
beforeAll(async () => {
  t = await startTestGateway();
  f = socialFixtures(t);
});
afterAll(() => t.close());

const GROUP = `query($id: ID!) { group(id: $id) { id name description private owner { id } memberCount isMember
  members(first: 10) { totalCount edges { node { id } } } posts(first: 10) { edges { node { id } } } } }`;
interface Group {
  id: string;
  name: string;
  description: string | null;
  private: boolean;
  owner: { id: string };
  memberCount: number;
  isMember: boolean;
  members: { totalCount: number } & Edges<{ id: string }>;
  posts: Edges<{ id: string }>;
}
type Membership = { memberCount: number; isMember: boolean };
const groupAs = async (user: TestUser, id: string) => ok(await t.gql<{ group: Group }>(GROUP, { id }, user.token)).group;
const join = (user: TestUser, id: string) =>
  t.gql<{ joinGroup: Membership }>(`mutation($g: ID!) { joinGroup(groupId: $g) { memberCount isMember } }`, { g: id }, user.token);
const leave = (user: TestUser, id: string) =>
  t.gql<{ leaveGroup: Membership }>(`mutation($g: ID!) { leaveGroup(groupId: $g) { memberCount isMember } }`, { g: id }, user.token);
const invite = (user: TestUser, id: string, invitee: TestUser) =>
  t.gql(`mutation($g: ID!, $u: ID!) { inviteToGroup(groupId: $g, userId: $u) { id } }`, { g: id, u: invitee.id }, user.token);

describe('groups', () => {
  it('creates a group with its owner as first member, and validates the input', async () => {
    const owner = await t.signUp('Founder');
    const created = ok(
      await t.gql<{ createGroup: Omit<Group, 'id' | 'members' | 'posts'> }>(
        `mutation { createGroup(input: { name: " Dawn Patrol ", description: "Early runs" }) { name description private owner { id } memberCount isMember } }`,
        {},
        owner.token,
      ),
    ).createGroup;
    expect(created).toEqual({
      name: 'Dawn Patrol',
      description: 'Early runs',
      private: false,
      owner: { id: owner.id },
      memberCount: 1,
      isMember: true,
    });
    expect(errorOf(await t.gql(`mutation { createGroup(input: { name: "  " }) { id } }`, {}, owner.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'name',
    });
    expect(
      errorOf(await t.gql(`mutation($n: String!) { createGroup(input: { name: $n }) { id } }`, { n: 'x'.repeat(81) }, owner.token)),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(
      ok(
        await t.gql<{ group: { id: string } | null }>(
          `query { group(id: "00000000-0000-4000-8000-000000000000") { id } }`,
          {},
          owner.token,
        ),
      ).group,
    ).toBeNull();
    expect(errorOf(await t.gql(`query { group(id: "42") { id } }`, {}, owner.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });
  });

  it('joins and leaves a public group idempotently, and lists members in joining order', async () => {
    const owner = await t.signUp('Captain');
    const runners = await Promise.all([t.signUp('A'), t.signUp('B'), t.signUp('C')]);
    const id = await f.group(owner, false);
    for (const r of runners) expect(ok(await join(r, id)).joinGroup).toEqual({ memberCount: runners.indexOf(r) + 2, isMember: true });
    expect(ok(await join(runners[0], id)).joinGroup.memberCount).toBe(4);
    const q = `query($id: ID!, $after: String) { group(id: $id) { members(first: 2, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } } }`;
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Page<{ id: string }> & { totalCount: number } = ok(
        await t.gql<{ group: { members: Page<{ id: string }> & { totalCount: number } } }>(q, { id, after }, runners[2].token),
      ).group.members;
      expect(page.totalCount).toBe(4);
      ids.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(ids).toEqual([owner.id, ...runners.map((r) => r.id)]);
    expect(ok(await leave(runners[1], id)).leaveGroup).toEqual({ memberCount: 3, isMember: false });
    expect(ok(await leave(runners[1], id)).leaveGroup).toEqual({ memberCount: 3, isMember: false });
  });

  it("refuses the owner's leaving", async () => {
    const owner = await t.signUp('Stayer');
    const id = await f.group(owner, false);
    const res = await leave(owner, id);
    expect(errorOf(res)).toMatchObject({ code: 'FORBIDDEN', message: 'The owner cannot leave their own group' });
    expect((await groupAs(owner, id)).isMember).toBe(true);
  });

  it('lets runners into a private group by invitation only, and shows its members and posts to members only', async () => {
    const owner = await t.signUp('Keeper');
    const member = await t.signUp('Insider');
    const guest = await t.signUp('Invitee');
    const outsider = await t.signUp('Outsider');
    const id = await f.group(owner, true, [member]);
    const postId = await f.post(owner, { text: 'secret tempo', groupId: id });

    expect(errorOf(await join(guest, id)).code).toBe('FORBIDDEN');
    expect(errorOf(await invite(outsider, id, guest)).code).toBe('FORBIDDEN');
    expect(errorOf(await invite(member, id, member))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userId' });
    // Outsiders see that the group exists, not who is in it or what is said there.
    expect(await groupAs(outsider, id)).toMatchObject({
      private: true,
      memberCount: 2,
      isMember: false,
      members: { totalCount: 0, edges: [] },
      posts: { edges: [] },
    });
    expect(
      ok(await t.gql<{ post: { id: string } | null }>(`query($id: ID!) { post(id: $id) { id } }`, { id: postId }, outsider.token)).post,
    ).toBeNull();
    expect(
      errorOf(await t.gql(`mutation($g: ID!) { createPost(input: { text: "let me in", groupId: $g }) { id } }`, { g: id }, outsider.token))
        .code,
    ).toBe('FORBIDDEN');

    // Any member may invite; the invitee is notified and can then join (once).
    ok(await invite(member, id, guest));
    ok(await invite(member, id, guest));
    const notes = ok(
      await t.gql<{
        notifications: { unreadCount: number } & Edges<{ kind: string; actor: { id: string }; group: { id: string } | null }>;
      }>(`{ notifications { unreadCount edges { node { kind actor { id } group { id } } } } }`, {}, guest.token),
    ).notifications;
    expect(notes.edges.map((e) => e.node)).toEqual([{ kind: 'GROUP_INVITE', actor: { id: member.id }, group: { id } }]);
    expect(ok(await join(guest, id)).joinGroup).toEqual({ memberCount: 3, isMember: true });
    expect(await groupAs(guest, id)).toMatchObject({ members: { totalCount: 3 }, posts: { edges: [{ node: { id: postId } }] } });
    ok(await leave(guest, id));
    expect(errorOf(await join(guest, id)).code).toBe('FORBIDDEN');
  });

  it('searches public groups and the private ones you belong to or are invited to, newest first', async () => {
    const owner = await t.signUp('Searcher');
    const me = await t.signUp('Finder');
    const tag = `zq${Date.now().toString(36)}`;
    const open1 = await f.group(owner, false, [], `${tag} Open One`);
    const hidden = await f.group(owner, true, [], `${tag} Hidden`);
    const mine = await f.group(owner, true, [me], `${tag} Mine`);
    const invited = await f.group(owner, true, [], `${tag} Invited`);
    ok(await invite(owner, invited, me));
    await f.group(owner, false, [], `Other ${tag}`);
    const search = async (query: string | null, first = 10, after: string | null = null) =>
      ok(
        await t.gql<{ groups: Page<{ id: string }> }>(
          `query($q: String, $n: Int, $a: String) { groups(query: $q, first: $n, after: $a) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
          { q: query, n: first, a: after },
          me.token,
        ),
      ).groups;
    const found = await search(tag.toUpperCase());
    expect(found.edges.map((e) => e.node.id)).toEqual([invited, mine, open1]);
    expect(found.edges.map((e) => e.node.id)).not.toContain(hidden);
    const page1 = await search(tag, 2);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = await search(tag, 2, page1.pageInfo.endCursor);
    expect([...page1.edges, ...page2.edges].map((e) => e.node.id)).toEqual([invited, mine, open1]);
    expect((await search('100%_sure')).edges).toEqual([]);
  });

  it('notifies the members who may see a group post, never its author', async () => {
    const owner = await t.signUp('Poster');
    const follower = await t.signUp('Follows');
    const member = await t.signUp('Member');
    const id = await f.group(owner, false, [follower, member]);
    await f.follow(follower, owner);
    const postId = await f.post(owner, { text: '', runId: await f.run(owner, { visibility: 'FOLLOWERS' }), groupId: id });
    const notified = await t.sql(`SELECT user_id FROM notifications WHERE post_id = $1 AND kind = 'GROUP_POST'`, [postId]);
    // The member who doesn't follow the owner can't see a FOLLOWERS run, so isn't told about it.
    expect(notified).toEqual([{ user_id: follower.id }]);
  });
});
