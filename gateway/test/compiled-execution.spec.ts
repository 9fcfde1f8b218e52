import { startTestGateway } from './harness';
import type { GqlResponse, TestGateway, TestUser } from './harness';

// An operation runs on graphql-js the first time and compiled (graphql-jit) from its second run
// (gateway/src/execution/compiled-execution.ts): every answer below is asked for three times and
// must come back the same each time — data, errors with their codes, fields, paths and
// locations, and the HTTP status.

let t: TestGateway;
let runner: TestUser;
beforeAll(async () => {
  t = await startTestGateway();
  runner = await t.signUp('Compiled');
  const shoe = await t.gql<{ createShoe: { id: string } }>(
    `mutation { createShoe(input: { name: "Daily trainer", brand: "Acme" }) { id } }`,
    {},
    runner.token,
  );
  for (const [i, shoeId] of [shoe.data!.createShoe.id, null, null].entries()) {
    const res = await t.gql(
      `mutation($input: RunInput!) { createRun(input: $input) { id } }`,
      {
        input: {
          startedAt: new Date(Date.now() - (i + 1) * 86_400_000).toISOString(),
          distance: 5000 + i * 1000,
          duration: 1500 + i * 300,
          shoeId,
        },
      },
      runner.token,
    );
    expect(res.errors).toBeUndefined();
  }
});
afterAll(() => t.close());

/** The same request three times: the answers, each as the client sees it. */
async function thrice(query: string, variables?: Record<string, unknown>, token = runner.token): Promise<GqlResponse[]> {
  const answers: GqlResponse[] = [];
  for (let i = 0; i < 3; i++) answers.push(await t.gql(query, variables, token));
  return answers;
}

function expectSame(answers: GqlResponse[]): GqlResponse {
  expect(answers[1]).toEqual(answers[0]);
  expect(answers[2]).toEqual(answers[0]);
  return answers[0];
}

describe('operations run compiled from their second run', () => {
  it('answer a page with fragments, aliases, directives, variables and nested loaders the same way', async () => {
    const query = `query Page($n: Int!, $withShoe: Boolean!) {
      me { ...who }
      mine: runs(first: $n) {
        edges { cursor node { __typename id distance km: distance duration pace user { ...who } shoe @include(if: $withShoe) { name brand } } }
        pageInfo { hasNextPage endCursor }
        totalCount
      }
    }
    fragment who on User { id name }`;
    const answer = expectSame(await thrice(query, { n: 2, withShoe: true }));
    expect(answer.errors).toBeUndefined();
    const page = (answer.data as { mine: { edges: { node: { shoe?: { name: string } | null } }[]; pageInfo: { hasNextPage: boolean } } })
      .mine;
    expect(page.edges).toHaveLength(2);
    expect(page.edges[0].node.shoe).toEqual({ name: 'Daily trainer', brand: 'Acme' });
    expect(page.pageInfo.hasNextPage).toBe(true);
    // The same compiled operation with other variables.
    const without = (await t.gql(query, { n: 3, withShoe: false }, runner.token)).data as { mine: { edges: { node: object }[] } };
    expect(without.mine.edges).toHaveLength(3);
    expect(without.mine.edges.every((e) => !('shoe' in e.node))).toBe(true);
  });

  it('refuse bad input with BAD_USER_INPUT on its field, and store nothing', async () => {
    const create = `mutation($input: RunInput!) { createRun(input: $input) { id } }`;
    const answer = expectSame(await thrice(create, { input: { startedAt: new Date().toISOString(), distance: 0, duration: 100 } }));
    expect(answer.errors).toEqual([
      expect.objectContaining({ path: ['createRun'], extensions: { code: 'BAD_USER_INPUT', field: 'distance' } }),
    ]);
    expect(answer.errors![0]).toHaveProperty('locations');
    const [{ n }] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM runs WHERE user_id = $1`, [runner.id]);
    expect(n).toBe(3);
  });

  it('refuse a variable of the wrong type as graphql-js does (HTTP 400, BAD_USER_INPUT)', async () => {
    const answer = expectSame(await thrice(`query($n: Int!) { runs(first: $n) { totalCount } }`, { n: 'twenty' }));
    expect(answer.status).toBe(400);
    expect(answer.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'n' }) }),
    ]);
  });

  it('answer errors of a field next to the data of the others (NOT_FOUND, UNAUTHENTICATED)', async () => {
    const other = await t.signUp('Other');
    const answer = expectSame(
      await thrice(`mutation($id: ID!) { deleteRun(id: $id) }`, { id: '00000000-0000-4000-8000-000000000000' }, other.token),
    );
    expect(answer.errors?.[0].extensions).toEqual({ code: 'NOT_FOUND' });
    const anonymous = expectSame(await thrice(`{ me { id } runs(first: 1) { totalCount } }`, undefined, ''));
    expect(anonymous.errors?.map((e) => e.extensions?.code)).toContain('UNAUTHENTICATED');
  });
});
