import { e2eApp, visible } from './support';

const app = e2eApp();

/**
 * GET /graphql in the browser: GraphiQL, bundled and served by the gateway, runs a query as the
 * runner signed in to the web client (their token from localStorage), loading nothing from outside.
 */
describe('the API explorer', () => {
  test('opens at /graphql and runs a query with the signed-in runner’s token', async () => {
    const ana = await app.runner('Ana Explorer');
    const { page } = ana;
    const authorizations: (string | undefined)[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/graphql') authorizations.push(r.headers()['authorization']);
    });
    await ana.goto('/graphql');
    await visible(page.getByRole('button', { name: /execute query/i }));
    // The starting query for a signed-in runner is `query Me { me { id … } }`.
    await visible(page.locator('.graphiql-query-editor').getByText('me', { exact: true }).first());
    await page.getByRole('button', { name: /execute query/i }).click();
    await visible(page.locator('.graphiql-response').getByText(ana.user.id));
    expect(authorizations).toContain(`Bearer ${ana.user.token}`);
    expect(ana.external).toEqual([]);
    expect(ana.pageErrors).toEqual([]);
  });
});
