import { errorOf, ok, startTestGateway } from './harness';
import type { TestGateway, TestUser } from './harness';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());

const SHOE = `id name distance usage runCount retired isDefault maxDistance`;
const yesterday = () => new Date(Date.now() - 86400_000).toISOString();

interface Shoe {
  id: string;
  name: string;
  distance: number;
  usage: number;
  runCount: number;
  retired: boolean;
  isDefault: boolean;
  maxDistance: number;
}

/** The shoe, retired or not; fails when the runner has no such shoe. */
async function shoe(user: TestUser, id: string): Promise<Shoe> {
  const found = ok(await t.gql<{ shoes: Shoe[] }>(`query { shoes(includeRetired: true) { ${SHOE} } }`, {}, user.token)).shoes.find(
    (s) => s.id === id,
  );
  if (!found) throw new Error(`no shoe ${id}`);
  return found;
}
async function createShoe(user: TestUser, input: Record<string, unknown>) {
  return ok(
    await t.gql<{ createShoe: Shoe }>(`mutation($input: ShoeInput!) { createShoe(input: $input) { ${SHOE} } }`, { input }, user.token),
  ).createShoe;
}
async function createRun(user: TestUser, input: Record<string, unknown>) {
  return ok(
    await t.gql<{ createRun: { id: string; shoe: { id: string } | null } }>(
      `mutation($input: RunInput!) { createRun(input: $input) { id shoe { id } } }`,
      { input: { startedAt: yesterday(), duration: 3000, ...input } },
      user.token,
    ),
  ).createRun;
}

describe('shoes', () => {
  it('derives distance, usage and runCount from runs: create, edit, move and delete', async () => {
    const a = await t.signUp('Shod');
    const one = await createShoe(a, { name: 'One', brand: 'Brand', maxDistance: 100000, initialDistance: 5000 });
    const two = await createShoe(a, { name: 'Two' });
    expect(one).toMatchObject({ distance: 5000, usage: 0.05, runCount: 0, retired: false, isDefault: false, maxDistance: 100000 });
    expect(two.maxDistance).toBe(800000);

    const run = await createRun(a, { distance: 10000, shoeId: one.id });
    await createRun(a, { distance: 5000, shoeId: one.id });
    expect(await shoe(a, one.id)).toMatchObject({ distance: 20000, usage: 0.2, runCount: 2 });

    await t.gql(`mutation($id: ID!) { updateRun(id: $id, input: { distance: 12000 }) { id } }`, { id: run.id }, a.token);
    expect((await shoe(a, one.id)).distance).toBe(22000);

    await t.gql(`mutation($id: ID!, $s: ID) { updateRun(id: $id, input: { shoeId: $s }) { id } }`, { id: run.id, s: two.id }, a.token);
    expect(await shoe(a, one.id)).toMatchObject({ distance: 10000, runCount: 1 });
    expect(await shoe(a, two.id)).toMatchObject({ distance: 12000, runCount: 1 });

    await t.gql(`mutation($id: ID!) { deleteRun(id: $id) }`, { id: run.id }, a.token);
    expect(await shoe(a, two.id)).toMatchObject({ distance: 0, runCount: 0 });
  });

  it('uses the one default shoe when a run names none, and none after the default retires', async () => {
    const a = await t.signUp('Default');
    const first = await createShoe(a, { name: 'First', isDefault: true });
    const second = await createShoe(a, { name: 'Second', isDefault: true });
    expect((await shoe(a, first.id)).isDefault).toBe(false);
    expect((await shoe(a, second.id)).isDefault).toBe(true);
    expect((await createRun(a, { distance: 5000 })).shoe!.id).toBe(second.id);
    expect((await createRun(a, { distance: 5000, shoeId: null })).shoe).toBeNull();

    ok(await t.gql(`mutation($id: ID!) { updateShoe(id: $id, input: { isDefault: true }) { id } }`, { id: first.id }, a.token));
    expect((await createRun(a, { distance: 5000 })).shoe!.id).toBe(first.id);

    const retired = ok(
      await t.gql<{ retireShoe: { retired: boolean; isDefault: boolean } }>(
        `mutation($id: ID!) { retireShoe(id: $id) { retired isDefault } }`,
        { id: first.id },
        a.token,
      ),
    ).retireShoe;
    expect(retired).toEqual({ retired: true, isDefault: false });
    expect((await createRun(a, { distance: 5000 })).shoe).toBeNull();
  });

  it('refuses a retired shoe for a new run and hides it unless asked', async () => {
    const a = await t.signUp('Retiree');
    const old = await createShoe(a, { name: 'Old' });
    const run = await createRun(a, { distance: 5000, shoeId: old.id });
    ok(await t.gql(`mutation($id: ID!) { retireShoe(id: $id) { id } }`, { id: old.id }, a.token));
    const res = await t.gql(
      `mutation($input: RunInput!) { createRun(input: $input) { id } }`,
      { input: { startedAt: yesterday(), distance: 5000, duration: 1500, shoeId: old.id } },
      a.token,
    );
    expect(errorOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'shoeId' });
    expect(await t.sql(`SELECT count(*)::int AS n FROM runs WHERE user_id = $1`, [a.id])).toEqual([{ n: 1 }]);
    // Editing a run that already wore the shoe keeps it.
    ok(await t.gql(`mutation($id: ID!) { updateRun(id: $id, input: { name: "Still old" }) { id } }`, { id: run.id }, a.token));
    expect(ok(await t.gql<{ shoes: { id: string }[] }>(`{ shoes { id } }`, {}, a.token)).shoes).toEqual([]);
    expect(
      ok(
        await t.gql<{ user: { shoes: { id: string }[] } }>(
          `query($u: ID!) { user(id: $u) { shoes(includeRetired: true) { id } } }`,
          { u: a.id },
          a.token,
        ),
      ).user.shoes,
    ).toEqual([{ id: old.id }]);
  });

  it("validates shoe input and refuses changes to another runner's shoe", async () => {
    const a = await t.signUp('ShoeOwner');
    const b = await t.signUp('ShoeThief');
    const s = await createShoe(a, { name: 'Mine' });
    expect(errorOf(await t.gql(`mutation { createShoe(input: { name: "" }) { id } }`, {}, a.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'name',
    });
    expect(errorOf(await t.gql(`mutation { createShoe(input: { name: "X", maxDistance: -1 }) { id } }`, {}, a.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'maxDistance',
    });
    expect(
      errorOf(await t.gql(`mutation($id: ID!) { updateShoe(id: $id, input: { name: "Stolen" }) { id } }`, { id: s.id }, b.token)).code,
    ).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(`mutation($id: ID!) { retireShoe(id: $id) { id } }`, { id: s.id }, b.token)).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(`mutation { retireShoe(id: "00000000-0000-4000-8000-000000000000") { id } }`, {}, a.token)).code).toBe(
      'NOT_FOUND',
    );
    expect((await shoe(a, s.id)).name).toBe('Mine');
  });

  it("counts only runs the viewer may see in another runner's shoe", async () => {
    const a = await t.signUp('Public');
    const b = await t.signUp('Viewer');
    const s = await createShoe(a, { name: 'Shared', isDefault: true });
    await createRun(a, { distance: 5000, visibility: 'PUBLIC' });
    await createRun(a, { distance: 7000, visibility: 'PRIVATE' });
    const q = `query($u: ID!) { user(id: $u) { shoes { distance runCount } } }`;
    expect(ok(await t.gql<{ user: { shoes: { distance: number; runCount: number }[] } }>(q, { u: a.id }, a.token)).user.shoes).toEqual([
      { distance: 12000, runCount: 2 },
    ]);
    expect(ok(await t.gql<{ user: { shoes: { distance: number; runCount: number }[] } }>(q, { u: a.id }, b.token)).user.shoes).toEqual([
      { distance: 5000, runCount: 1 },
    ]);
    expect(s.id).toBeTruthy();
  });
});
