// Privacy zones, hidden maps and default visibility through the MCP SDK client: get_run's route
// for another runner's run has no point inside that runner's zones (each point checked by its
// distance from the zone's centre) and none at all of a hidden map; the runner gets the whole
// route; log_run without a visibility takes the runner's default.
import { insidePrivacyZone } from '@maratron/domain';
import { garminConnectGpx, simulateRun } from '../../gateway/test/activity-files';
import { ok } from '../../gateway/test/harness';
import type { TestUser } from '../../gateway/test/harness';
import { startStack, toolJson } from './stack';
import type { TestStack } from './stack';

const DAY = 86_400_000;
const LOOP = { lat: 52.5145, lon: 13.3501 };
const HOME = { name: 'Home', latitude: LOOP.lat, longitude: LOOP.lon, radius: 200 };
const inside = ([lat, lon]: number[]) => insidePrivacyZone({ lat, lon }, HOME);

interface RunOutput {
  id: string;
  distance: number;
  duration: number;
  visibility: string;
  hideTrack: boolean;
  splits: { index: number; duration: number }[];
  track?: number[][] | null;
}

describe('privacy over MCP', () => {
  let s: TestStack;
  let owner: TestUser;
  let follower: TestUser;
  let stranger: TestUser;
  let runId: string;

  beforeAll(async () => {
    s = await startStack({ aiEnv: { AI_RATE_LIMIT_PER_MINUTE: '1000' } });
    owner = await s.t.signUp('Zoned');
    follower = await s.t.signUp('Friend');
    stranger = await s.t.signUp('Stranger');
    ok(await s.t.gql(`mutation($u: ID!) { follow(userId: $u) { id } }`, { u: owner.id }, follower.token));
    const gpx = garminConnectGpx(
      simulateRun({ start: new Date(Date.now() - DAY), plan: [{ run: 5000, pace: 300 }], interval: 2, radius: 400, centre: LOOP }),
    );
    runId = ok(
      await s.t.gql<{ importActivity: { id: string } }>(
        `mutation($c: String!) { importActivity(format: GPX, content: $c, visibility: PUBLIC) { id } }`,
        { c: gpx },
        owner.token,
      ),
    ).importActivity.id;
    // Added after the run: it applies to it at once.
    ok(await s.t.gql(`mutation($i: PrivacyZoneInput!) { addPrivacyZone(input: $i) { id } }`, { i: HOME }, owner.token));
  });
  afterAll(() => s.close());

  const getRun = async (user: TestUser, args: Record<string, unknown>): Promise<RunOutput> =>
    toolJson(await (await s.mcp(user.token)).callTool({ name: 'get_run', arguments: { runId, ...args } }));

  it("gives the runner the whole route and everyone else the route without the zone's points", async () => {
    const own = await getRun(owner, { includeTrack: true });
    expect(own.track!.length).toBeLessThanOrEqual(200);
    expect(own.track!.some(inside)).toBe(true);
    for (const viewer of [follower, stranger]) {
      const seen = await getRun(viewer, { includeTrack: true });
      expect(seen.track!.length).toBeGreaterThan(0);
      expect(seen.track!.filter(inside)).toEqual([]);
      // The whole run's numbers.
      expect({ ...seen, track: undefined }).toEqual({ ...own, track: undefined });
      expect(seen.splits).toHaveLength(5);
    }
    // Without asking, no route at all.
    expect(await getRun(stranger, {})).not.toHaveProperty('track');
  });

  it('gives nobody but the runner any route of a hidden map', async () => {
    ok(await s.t.gql(`mutation($id: ID!) { updateRun(id: $id, input: { hideTrack: true }) { id } }`, { id: runId }, owner.token));
    try {
      for (const viewer of [follower, stranger]) {
        const seen = await getRun(viewer, { includeTrack: true });
        expect(seen).toMatchObject({ hideTrack: true, track: null });
        expect(seen.splits).toHaveLength(5);
      }
      expect((await getRun(owner, { includeTrack: true })).track!.some(inside)).toBe(true);
    } finally {
      ok(await s.t.gql(`mutation($id: ID!) { updateRun(id: $id, input: { hideTrack: false }) { id } }`, { id: runId }, owner.token));
    }
  });

  it("logs a run at the runner's default visibility when log_run names none; an explicit one wins", async () => {
    const c = await s.mcp(stranger.token);
    const log = async (args: Record<string, unknown>): Promise<string> => {
      const { logged } = toolJson(
        await c.callTool({
          name: 'log_run',
          arguments: { startedAt: new Date(Date.now() - DAY).toISOString(), distance: 5000, duration: 1500, ...args },
        }),
      ) as { logged: RunOutput };
      return logged.visibility;
    };
    expect(await log({})).toBe('FOLLOWERS');
    ok(await s.t.gql(`mutation { updateProfile(input: { defaultVisibility: PRIVATE }) { id } }`, {}, stranger.token));
    expect(await log({})).toBe('PRIVATE');
    expect(await log({ visibility: 'PUBLIC' })).toBe('PUBLIC');
  });
});
