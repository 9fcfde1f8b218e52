import { ok } from './harness';
import type { TestGateway, TestUser } from './harness';

/** The social mutations tests set their scenes with, through the API. */
export function socialFixtures(t: TestGateway) {
  return {
    async follow(follower: TestUser, followee: TestUser) {
      ok(await t.gql(`mutation($u: ID!) { follow(userId: $u) { id } }`, { u: followee.id }, follower.token));
    },
    async post(user: TestUser, input: Record<string, unknown>): Promise<string> {
      return ok(
        await t.gql<{ createPost: { id: string } }>(`mutation($i: PostInput!) { createPost(input: $i) { id } }`, { i: input }, user.token),
      ).createPost.id;
    },
    /** A run of `user`'s, PUBLIC unless `input` says otherwise (the scenes were set before runners chose their default). */
    async run(user: TestUser, input: Record<string, unknown> = {}): Promise<string> {
      const i = {
        startedAt: new Date(Date.now() - 3600_000).toISOString(),
        distance: 5000,
        duration: 1500,
        visibility: 'PUBLIC',
        ...input,
      };
      return ok(await t.gql<{ createRun: { id: string } }>(`mutation($i: RunInput!) { createRun(input: $i) { id } }`, { i }, user.token))
        .createRun.id;
    },
    /** A group of `owner` that `members` joined (invited first when private). */
    async group(owner: TestUser, isPrivate: boolean, members: TestUser[] = [], name = 'Crew'): Promise<string> {
      const id = ok(
        await t.gql<{ createGroup: { id: string } }>(
          `mutation($i: GroupInput!) { createGroup(input: $i) { id } }`,
          { i: { name, private: isPrivate } },
          owner.token,
        ),
      ).createGroup.id;
      for (const m of members) {
        if (isPrivate)
          ok(await t.gql(`mutation($g: ID!, $u: ID!) { inviteToGroup(groupId: $g, userId: $u) { id } }`, { g: id, u: m.id }, owner.token));
        ok(await t.gql(`mutation($g: ID!) { joinGroup(groupId: $g) { id } }`, { g: id }, m.token));
      }
      return id;
    },
    async like(user: TestUser, postId: string) {
      ok(await t.gql(`mutation($p: ID!) { likePost(postId: $p) { id } }`, { p: postId }, user.token));
    },
    async comment(user: TestUser, postId: string, text = 'Nice!'): Promise<string> {
      return ok(
        await t.gql<{ addComment: { id: string } }>(
          `mutation($p: ID!, $t: String!) { addComment(postId: $p, text: $t) { id } }`,
          { p: postId, t: text },
          user.token,
        ),
      ).addComment.id;
    },
  };
}
