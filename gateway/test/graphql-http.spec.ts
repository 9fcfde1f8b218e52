import { serverAudits } from 'graphql-http';
import { startTestGateway } from './harness';
import type { TestGateway } from './harness';

// The GraphQL-over-HTTP audits (graphql-http), run against the live gateway as Apollo
// Server's own suite does: every MUST of the specification holds.
let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());

describe('GraphQL over HTTP', () => {
  it('passes every MUST audit of the specification', async () => {
    const audits = serverAudits({ url: () => `${t.url}/graphql`, fetchFn: fetch });
    const failures: string[] = [];
    for (const audit of audits.filter((a) => a.name.startsWith('MUST'))) {
      const result = await audit.fn();
      if (result.status !== 'ok') failures.push(`${audit.name}: ${result.reason}`);
    }
    expect(failures).toEqual([]);
  });
});
