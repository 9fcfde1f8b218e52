import { DEMO_PASSWORD, seedDemoData } from '../src/seed/demo';
import { ok, startTestGateway } from './harness';
import type { Edges, TestGateway } from './harness';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());

describe('demo data', () => {
  it('loads runners whose recent runs come from GPX files, so splits, tracks, records and VDOT show at once', async () => {
    const loaded = await seedDemoData(t.dataSource, t.gateway.services);
    expect(loaded).toMatchObject({ runners: 6 });
    expect(loaded!.imported).toBeGreaterThan(loaded!.runs / 6);
    expect(await seedDemoData(t.dataSource, t.gateway.services)).toBeNull();

    const token = ok(
      await t.gql<{ signIn: { token: string } }>(`mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`, {
        e: 'ana@demo.maratron.run',
        p: DEMO_PASSWORD,
      }),
    ).signIn.token;
    const runs = ok(
      await t.gql<{
        runs: Edges<{
          name: string | null;
          distance: number;
          duration: number;
          splits: { index: number; pace: number }[];
          track: number[][] | null;
        }>;
      }>(`{ runs(first: 10) { edges { node { name distance duration splits { index pace } track } } } }`, {}, token),
    ).runs.edges.map((e) => e.node);
    expect(runs).toHaveLength(10);
    for (const run of runs) {
      // The last three weeks are imported: a split per kilometre and a track in Hyde Park.
      expect(run.splits.length).toBe(Math.floor(run.distance / 1000) + (run.distance % 1000 > 50 ? 1 : 0));
      expect(run.track!.length).toBeGreaterThan(100);
      const [lat, lon] = run.track![0];
      expect(Math.abs(lat - 51.507)).toBeLessThan(0.02);
      expect(Math.abs(lon + 0.166)).toBeLessThan(0.03);
    }

    const summary = ok(
      await t.gql<{
        trainingSummary: {
          weeks: { distance: number }[];
          personalRecords: { distance: string; duration: number }[];
          vdot: number | null;
          predictions: { distance: string }[];
          shoeAlerts: { name: string }[];
        };
      }>(
        `{ trainingSummary(weeks: 12) { weeks { distance } personalRecords { distance duration } vdot predictions { distance } shoeAlerts { name } } }`,
        {},
        token,
      ),
    ).trainingSummary;
    expect(summary.weeks).toHaveLength(12);
    expect(summary.weeks.slice(0, 11).every((w) => w.distance > 0)).toBe(true);
    expect(summary.personalRecords.map((r) => r.distance)).toEqual(expect.arrayContaining(['K5', 'K10']));
    // Ana runs easy at ~4:30/km and tempos faster: a VDOT in the fifties.
    expect(summary.vdot).toBeGreaterThan(45);
    expect(summary.vdot).toBeLessThan(65);
    expect(summary.predictions).toHaveLength(4);
    expect(summary.shoeAlerts.map((s) => s.name)).toContain('Pegasus 40');
  });
});
