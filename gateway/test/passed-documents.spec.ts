// The cost and NUL-character checks remember a document they let through when it came without
// variables (gateway/src/protection/passed-documents.ts): the same text sent again with variables
// is checked again, with them.
import { errorOf, ok, startTestGateway } from './harness';
import type { TestGateway } from './harness';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());

describe('checks of a document already let through', () => {
  it('refuse it with variables that cost too much, every time', async () => {
    const runner = await t.signUp('Costly');
    const query = `query($n: Int = 1) { runs(first: $n) { edges { node { id track } } } }`;
    for (let i = 0; i < 2; i++) expect(ok(await t.gql<{ runs: { edges: unknown[] } }>(query, {}, runner.token)).runs.edges).toEqual([]);
    for (let i = 0; i < 2; i++) {
      const refused = await t.gql(query, { n: 100 }, runner.token);
      expect({ code: errorOf(refused).code, data: refused.data }).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', data: undefined });
    }
  });

  it('refuse it with variables that carry a NUL character, every time', async () => {
    const runner = await t.signUp('Nul');
    const query = `query($q: String! = "ana") { searchUsers(query: $q) { id } }`;
    expect(ok(await t.gql<{ searchUsers: { id: string }[] }>(query, {}, runner.token)).searchUsers).toEqual([]);
    for (let i = 0; i < 2; i++) {
      const refused = errorOf(await t.gql(query, { q: 'ana\u0000' }, runner.token));
      expect({ code: refused.code, field: refused.field }).toEqual({ code: 'BAD_USER_INPUT', field: 'query' });
    }
  });
});
