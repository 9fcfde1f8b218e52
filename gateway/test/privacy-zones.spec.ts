// Privacy zones and hidden maps, through every path that shows a track: for a stranger and a
// follower, no point inside the runner's zones ever arrives (each point checked by its distance
// from every zone's centre, with the domain's haversine), on Run.track over HTTP, the feed, a
// group's posts, the GPX download, live events over graphql-ws, and plain SQL under the runtime
// role; the runner sees everything; distances, times and splits stay the whole run's.
import { insidePrivacyZone, parseInput, privacyZoneSchema } from '@maratron/domain';
import type { PrivacyCircle } from '@maratron/domain';
import { loadConfig } from '@maratron/core';
import { APP_ROLE, VIEWER_SETTING } from '@maratron/migrations';
import { garminConnectGpx, simulateRun } from './activity-files';
import { errorOf, ok, startTestGateway } from './harness';
import type { GqlResponse, TestGateway, TestUser } from './harness';
import { connectLive, eventually } from './live';
import type { LiveClient } from './live';

/** Small enough that the recordings below are thinned in answers: thinning keeps to what may be shown. */
const TRACK_MAX_POINTS = 300;
const ZONES_MAX = 3;

let t: TestGateway;
const clients: LiveClient[] = [];
beforeAll(async () => {
  t = await startTestGateway({ env: { TRACK_MAX_POINTS_PER_RESPONSE: String(TRACK_MAX_POINTS), PRIVACY_ZONES_MAX: String(ZONES_MAX) } });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await t.close();
});

type Track = number[][] | null;
interface Zone extends PrivacyCircle {
  id: string;
  name: string;
}
interface RunView {
  id: string;
  distance: number;
  duration: number;
  hideTrack: boolean;
  splits: { distance: number; duration: number }[];
  track: Track;
}

const RUN_FIELDS = `id distance duration hideTrack splits { distance duration } track`;
/** The loop's start (simulateRun's park loop starts at its centre's latitude, on its western edge). */
const LOOP = { lat: 52.5145, lon: 13.3501 };
const LOOP_RADIUS = 400;
const M_PER_DEG_LAT = (2 * Math.PI * 6371008.8) / 360;
/** Home: around the loop's start, which the runner passes twice (start, one lap on, and the finish). */
const HOME = { name: 'Home', latitude: LOOP.lat, longitude: LOOP.lon, radius: 200 };
/** Work: around the far side of the loop (800 m east of the start). */
const WORK = {
  name: 'Work',
  latitude: LOOP.lat,
  longitude: LOOP.lon + (2 * LOOP_RADIUS) / (M_PER_DEG_LAT * Math.cos((LOOP.lat * Math.PI) / 180)),
  radius: 150,
};

const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000);
/** Two laps and a bit of the park loop, a point every 2 s (≈ 750 points, one <trkseg>). */
const loopGpx = (start: Date) =>
  garminConnectGpx(simulateRun({ start, plan: [{ run: 5000, pace: 300 }], interval: 2, radius: LOOP_RADIUS, centre: LOOP }), 'Loops');

const inside = ([lat, lon]: number[], zones: readonly PrivacyCircle[]) => zones.some((z) => insidePrivacyZone({ lat, lon }, z));
/** Fails unless no point is inside any zone (and there are points to check). */
function expectOutside(points: number[][] | null | undefined, zones: readonly PrivacyCircle[]): void {
  expect(points?.length).toBeGreaterThan(0);
  const within = points!.filter((p) => inside(p, zones));
  expect(within).toEqual([]);
}

async function importRun(user: TestUser, visibility = 'PUBLIC', start = daysAgo(1)): Promise<RunView> {
  return ok(
    await t.gql<{ importActivity: RunView }>(
      `mutation($c: String!, $v: Visibility) { importActivity(format: GPX, content: $c, visibility: $v) { ${RUN_FIELDS} } }`,
      { c: loopGpx(start), v: visibility },
      user.token,
    ),
  ).importActivity;
}

async function addZone(user: TestUser, input: object): Promise<GqlResponse<{ addPrivacyZone: Zone }>> {
  return t.gql<{ addPrivacyZone: Zone }>(
    `mutation($i: PrivacyZoneInput!) { addPrivacyZone(input: $i) { id name latitude longitude radius } }`,
    { i: input },
    user.token,
  );
}

async function runAs(user: TestUser, id: string): Promise<RunView> {
  const { run } = ok(await t.gql<{ run: RunView | null }>(`query($id: ID!) { run(id: $id) { ${RUN_FIELDS} } }`, { id }, user.token));
  expect(run).not.toBeNull();
  return run!;
}

async function gpx(user: TestUser, id: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`${t.url}/api/runs/${id}.gpx`, { headers: { authorization: `Bearer ${user.token}` } });
  return { status: res.status, body: await res.text() };
}

/** A GPX file's <trkseg>s as [lat, lon] points. */
function gpxSegments(body: string): number[][][] {
  return [...body.matchAll(/<trkseg>([\s\S]*?)<\/trkseg>/g)].map(([, seg]) =>
    [...seg.matchAll(/<trkpt lat="([-\d.]+)" lon="([-\d.]+)"/g)].map(([, lat, lon]) => [Number(lat), Number(lon)]),
  );
}

async function follow(follower: TestUser, followee: TestUser) {
  ok(await t.gql(`mutation($u: ID!) { follow(userId: $u) { id } }`, { u: followee.id }, follower.token));
}

/** A runner with a zone at home, a follower and a stranger, and a PUBLIC recorded run of the runner's. */
async function scene(name: string) {
  const owner = await t.signUp(name);
  const follower = await t.signUp(`${name}Friend`);
  const stranger = await t.signUp(`${name}Stranger`);
  await follow(follower, owner);
  const home = ok(await addZone(owner, HOME)).addPrivacyZone;
  const run = await importRun(owner);
  return { owner, follower, stranger, home, run };
}

describe('privacy zones: keeping the list', () => {
  it('adds, lists (the runner only) and removes zones; another runner’s zone id is NOT_FOUND', async () => {
    const owner = await t.signUp('Keeper');
    const other = await t.signUp('Snoop');
    const home = ok(await addZone(owner, { ...HOME, name: '  Home  ' })).addPrivacyZone;
    expect(home).toEqual({ id: expect.any(String), ...HOME });
    const work = ok(await addZone(owner, WORK)).addPrivacyZone;

    const list = `{ privacyZones { id name latitude longitude radius } }`;
    expect(ok(await t.gql<{ privacyZones: Zone[] }>(list, {}, owner.token)).privacyZones).toEqual([home, work]);
    expect(ok(await t.gql<{ privacyZones: Zone[] }>(list, {}, other.token)).privacyZones).toEqual([]);
    expect(errorOf(await t.gql(list)).code).toBe('UNAUTHENTICATED');

    const remove = `mutation($id: ID!) { removePrivacyZone(id: $id) }`;
    expect(errorOf(await t.gql(remove, { id: home.id }, other.token)).code).toBe('NOT_FOUND');
    expect(errorOf(await t.gql(remove, { id: '00000000-0000-4000-8000-000000000000' }, owner.token)).code).toBe('NOT_FOUND');
    expect(errorOf(await t.gql(remove, { id: 'nope' }, owner.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(ok(await t.gql<{ removePrivacyZone: string }>(remove, { id: home.id }, owner.token)).removePrivacyZone).toBe(home.id);
    expect(ok(await t.gql<{ privacyZones: Zone[] }>(list, {}, owner.token)).privacyZones).toEqual([work]);
    expect(errorOf(await t.gql(remove, { id: home.id }, owner.token)).code).toBe('NOT_FOUND');
  });

  it.each([
    [{ radius: 99 }, 'radius'],
    [{ radius: 2000.5 }, 'radius'],
    [{ latitude: -90.01 }, 'latitude'],
    [{ latitude: 91 }, 'latitude'],
    [{ longitude: 180.5 }, 'longitude'],
    [{ longitude: -181 }, 'longitude'],
    [{ name: '   ' }, 'name'],
    [{ name: 'x'.repeat(101) }, 'name'],
  ])('refuses %j as BAD_USER_INPUT on `%s`, storing nothing', async (change, field) => {
    const owner = await t.signUp('Careless');
    expect(errorOf(await addZone(owner, { ...HOME, ...change }))).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await t.sql(`SELECT id FROM privacy_zones WHERE user_id = $1`, [owner.id])).toEqual([]);
  });

  it('keeps at most PRIVACY_ZONES_MAX zones per runner (default 10); one more stores nothing', async () => {
    expect(loadConfig({}).privacy.zonesMax).toBe(10);
    const owner = await t.signUp('Hoarder');
    for (let i = 0; i < ZONES_MAX; i++) ok(await addZone(owner, { ...HOME, name: `Zone ${i}` }));
    expect(errorOf(await addZone(owner, { ...HOME, name: 'One more' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input' });
    expect(await t.sql(`SELECT count(*)::int AS n FROM privacy_zones WHERE user_id = $1`, [owner.id])).toEqual([{ n: ZONES_MAX }]);
    // Someone else's zones don't count against this runner's.
    ok(await addZone(await t.signUp('Neighbour'), HOME));
  });

  it('accepts the bounds themselves (radius 100 and 2,000 m, the poles and the antimeridian)', async () => {
    const owner = await t.signUp('Edges');
    expect(parseInput(privacyZoneSchema, { ...HOME, radius: 100 }).radius).toBe(100);
    ok(await addZone(owner, { name: 'North pole', latitude: 90, longitude: 180, radius: 2000 }));
    ok(await addZone(owner, { name: 'South', latitude: -90, longitude: -180, radius: 100 }));
  });
});

describe('privacy zones: what others see', () => {
  it("strips the zone's points from Run.track and the GPX for a stranger and a follower; the runner sees everything", async () => {
    const { owner, follower, stranger, run } = await scene('Homebody');
    expect(run.track!.length).toBeLessThanOrEqual(TRACK_MAX_POINTS);
    // The runner's own view: thinned to the limit, with points at home.
    const own = await runAs(owner, run.id);
    expect(own.track).toHaveLength(TRACK_MAX_POINTS);
    expect(own.track!.some((p) => inside(p, [HOME]))).toBe(true);
    const ownGpx = await gpx(owner, run.id);
    const ownPoints = gpxSegments(ownGpx.body).flat();
    expect(ownGpx.status).toBe(200);
    expect(ownPoints.filter((p) => inside(p, [HOME])).length).toBeGreaterThan(10);

    for (const viewer of [follower, stranger]) {
      const seen = await runAs(viewer, run.id);
      expectOutside(seen.track, [HOME]);
      expect(seen.track!.length).toBeLessThanOrEqual(TRACK_MAX_POINTS);
      // The whole run's numbers, whatever the map shows.
      expect({ distance: seen.distance, duration: seen.duration, splits: seen.splits }).toEqual({
        distance: own.distance,
        duration: own.duration,
        splits: own.splits,
      });
      expect(seen.splits.length).toBe(5);

      const file = await gpx(viewer, run.id);
      expect(file.status).toBe(200);
      const segments = gpxSegments(file.body);
      expectOutside(segments.flat(), [HOME]);
      // Every point outside home is there, and the lap through home cuts the line in two there.
      expect(segments.flat()).toEqual(ownPoints.filter((p) => !inside(p, [HOME])));
      expect(segments.length).toBe(2);
    }
  });

  it('applies a zone added after the run at once, everywhere, and gives the points back when it goes', async () => {
    const { owner, stranger, run } = await scene('Commuter');
    const nearWork = (await runAs(stranger, run.id)).track!.filter((p) => inside(p, [WORK]));
    expect(nearWork.length).toBeGreaterThan(0);

    const work = ok(await addZone(owner, WORK)).addPrivacyZone;
    expectOutside((await runAs(stranger, run.id)).track, [HOME, work]);
    expectOutside(gpxSegments((await gpx(stranger, run.id)).body).flat(), [HOME, work]);
    // Stored as recorded: nothing was rewritten.
    const [{ n }] = await t.sql<{ n: number }>(
      `SELECT sum(json_array_length(s))::int AS n FROM run_tracks, json_array_elements(segments) s WHERE run_id = $1`,
      [run.id],
    );
    expect(gpxSegments((await gpx(owner, run.id)).body).flat()).toHaveLength(n);

    ok(await t.gql(`mutation($id: ID!) { removePrivacyZone(id: $id) }`, { id: work.id }, owner.token));
    expect((await runAs(stranger, run.id)).track!.filter((p) => inside(p, [WORK])).length).toBeGreaterThan(0);
  });

  it("strips them from the feed and from a group's posts", async () => {
    const { owner, follower, stranger, run } = await scene('Sharer');
    const group = ok(
      await t.gql<{ createGroup: { id: string } }>(`mutation { createGroup(input: { name: "Park runners" }) { id } }`, {}, owner.token),
    ).createGroup.id;
    ok(await t.gql(`mutation($g: ID!) { joinGroup(groupId: $g) { id } }`, { g: group }, stranger.token));
    const share = `mutation($r: ID, $g: ID) { createPost(input: { text: "Loops", runId: $r, groupId: $g }) { id } }`;
    ok(await t.gql(share, { r: run.id }, owner.token));
    ok(await t.gql(share, { r: run.id, g: group }, owner.token));

    const feed = ok(
      await t.gql<{ feed: { edges: { node: { run: { track: Track } | null } }[] } }>(
        `{ feed(first: 5) { edges { node { run { track } } } } }`,
        {},
        follower.token,
      ),
    ).feed.edges;
    expect(feed.length).toBeGreaterThan(0);
    for (const { node } of feed) expectOutside(node.run!.track, [HOME]);

    const posts = `query($g: ID!) { group(id: $g) { posts(first: 5) { edges { node { run { track } } } } } }`;
    type GroupPosts = { group: { posts: { edges: { node: { run: { track: Track } } }[] } } };
    const seen = ok(await t.gql<GroupPosts>(posts, { g: group }, stranger.token)).group.posts.edges;
    expect(seen).toHaveLength(1);
    expectOutside(seen[0].node.run.track, [HOME]);
    const own = ok(await t.gql<GroupPosts>(posts, { g: group }, owner.token)).group.posts.edges;
    expect(own[0].node.run.track!.some((p) => inside(p, [HOME]))).toBe(true);
  });

  it('strips them from live feed events and post updates over graphql-ws, while the runner gets the whole track', async () => {
    const { owner, follower, stranger, run } = await scene('Streamer');
    type FeedEvent = { feedPostAdded: { id: string; run: { id: string; track: Track } | null } };
    type PostEvent = { postUpdated: { id: string; likeCount: number; run: { track: Track } | null } };
    const live = (user: TestUser) => {
      const c = connectLive(t.wsUrl, user.token);
      clients.push(c);
      return c;
    };
    const before = t.gateway.live.size;
    // The runner subscribes first: were one execution shared by everyone, it would be theirs.
    const FEED = `subscription { feedPostAdded { id run { id track } } }`;
    const ownerFeed = live(owner).subscribe<FeedEvent>(FEED);
    const followerFeed = live(follower).subscribe<FeedEvent>(FEED);
    await eventually(() => t.gateway.live.size >= before + 2, 'feed subscriptions registered');

    const post = ok(
      await t.gql<{ createPost: { id: string } }>(
        `mutation($r: ID) { createPost(input: { text: "Live loops", runId: $r }) { id } }`,
        { r: run.id },
        owner.token,
      ),
    ).createPost.id;
    const mine = (await ownerFeed.next()).data!.feedPostAdded;
    const theirs = (await followerFeed.next()).data!.feedPostAdded;
    expect(mine.id).toBe(post);
    expect(theirs.id).toBe(post);
    expect(mine.run!.track!.some((p) => inside(p, [HOME]))).toBe(true);
    expectOutside(theirs.run!.track, [HOME]);

    // postUpdated names no owner in its event: each viewer's own execution.
    const UPDATED = `subscription($p: ID!) { postUpdated(postId: $p) { id likeCount run { track } } }`;
    const size = t.gateway.live.size;
    const ownerUpdates = live(owner).subscribe<PostEvent>(UPDATED, { p: post });
    const strangerUpdates = live(stranger).subscribe<PostEvent>(UPDATED, { p: post });
    await eventually(() => t.gateway.live.size >= size + 2, 'post subscriptions registered');
    ok(await t.gql(`mutation($p: ID!) { likePost(postId: $p) { id } }`, { p: post }, follower.token));
    const ownUpdate = (await ownerUpdates.next()).data!.postUpdated;
    const strangerUpdate = (await strangerUpdates.next()).data!.postUpdated;
    expect(ownUpdate.likeCount).toBe(1);
    expect(strangerUpdate.likeCount).toBe(1);
    expect(ownUpdate.run!.track!.some((p) => inside(p, [HOME]))).toBe(true);
    expectOutside(strangerUpdate.run!.track, [HOME]);
  });
});

describe('hidden maps', () => {
  it('show no track, no GPX and no shared track to anyone but the runner; distances, times and splits stay', async () => {
    const { owner, follower, stranger, run } = await scene('Hermit');
    const hidden = ok(
      await t.gql<{ updateRun: RunView }>(
        `mutation($id: ID!) { updateRun(id: $id, input: { hideTrack: true }) { ${RUN_FIELDS} } }`,
        { id: run.id },
        owner.token,
      ),
    ).updateRun;
    expect(hidden.hideTrack).toBe(true);
    expect(hidden.track!.some((p) => inside(p, [HOME]))).toBe(true);
    ok(await t.gql(`mutation($r: ID) { createPost(input: { text: "No map", runId: $r }) { id } }`, { r: run.id }, owner.token));

    for (const viewer of [follower, stranger]) {
      const seen = await runAs(viewer, run.id);
      expect(seen).toEqual({ ...hidden, track: null });
      const file = await gpx(viewer, run.id);
      expect(file.status).toBe(403);
      expect(JSON.parse(file.body)).toEqual({ error: { code: 'FORBIDDEN', message: "The runner keeps this run's map to themself" } });
    }
    const feed = ok(
      await t.gql<{ feed: { edges: { node: { run: { hideTrack: boolean; track: Track } | null } }[] } }>(
        `{ feed(first: 1) { edges { node { run { hideTrack track } } } } }`,
        {},
        follower.token,
      ),
    ).feed.edges;
    expect(feed[0].node.run).toEqual({ hideTrack: true, track: null });
    expect((await gpx(owner, run.id)).status).toBe(200);

    // A run logged by hand may hide its map from the start; showing it again takes one edit.
    const typed = ok(
      await t.gql<{ createRun: { hideTrack: boolean } }>(
        `mutation { createRun(input: { startedAt: "${daysAgo(2).toISOString()}", distance: 5000, duration: 1500, hideTrack: true }) { hideTrack } }`,
        {},
        owner.token,
      ),
    ).createRun;
    expect(typed.hideTrack).toBe(true);
    ok(await t.gql(`mutation($id: ID!) { updateRun(id: $id, input: { hideTrack: false }) { id } }`, { id: run.id }, owner.token));
    expectOutside((await runAs(stranger, run.id)).track, [HOME]);
  });

  it('answers NOT_FOUND, not FORBIDDEN, for the GPX of a run the viewer may not see at all', async () => {
    const owner = await t.signUp('Private');
    const stranger = await t.signUp('Outsider');
    const run = await importRun(owner, 'PRIVATE');
    ok(await t.gql(`mutation($id: ID!) { updateRun(id: $id, input: { hideTrack: true }) { id } }`, { id: run.id }, owner.token));
    expect((await gpx(stranger, run.id)).status).toBe(404);
  });
});

describe('row-level security of tracks', () => {
  /** Plain SQL as the server runs it: the runtime role, the viewer set for the transaction. */
  async function asViewer<T extends object>(viewerId: string, sql: string, params: unknown[]): Promise<T[]> {
    await t.sql('BEGIN');
    try {
      await t.sql(`SET LOCAL ROLE ${APP_ROLE}`);
      await t.sql(`SELECT set_config('${VIEWER_SETTING}', $1, true)`, [viewerId]);
      return await t.sql<T>(sql, params);
    } finally {
      await t.sql('ROLLBACK');
    }
  }
  type Row = { seq: string; segment: string; point: number[] };

  it("keeps another runner's stored track out of plain SQL: only maratron_run_track answers, without the zone's points", async () => {
    const { owner, follower, stranger, run } = await scene('Database');
    const stored = `SELECT run_id FROM run_tracks WHERE run_id = $1`;
    const throughRule = `SELECT seq, segment, point FROM maratron_run_track($1) ORDER BY seq`;
    expect(await asViewer(owner.id, stored, [run.id])).toEqual([{ run_id: run.id }]);
    const whole = await asViewer<Row>(owner.id, throughRule, [run.id]);
    expect(whole.filter((r) => inside(r.point, [HOME])).length).toBeGreaterThan(10);

    for (const viewer of [follower, stranger]) {
      expect(await asViewer(viewer.id, stored, [run.id])).toEqual([]);
      expect(await asViewer(viewer.id, `SELECT id FROM privacy_zones WHERE user_id = $1`, [owner.id])).toEqual([]);
      const rows = await asViewer<Row>(viewer.id, throughRule, [run.id]);
      expectOutside(
        rows.map((r) => r.point),
        [HOME],
      );
      expect(rows.map((r) => r.point)).toEqual(whole.map((r) => r.point).filter((p) => !inside(p, [HOME])));
      expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i));
      expect(new Set(rows.map((r) => r.segment))).toEqual(new Set(['0', '1']));
      // Thinned evenly when asked, still outside, first and last kept.
      const thinned = await asViewer<Row>(viewer.id, `SELECT seq, segment, point FROM maratron_run_track($1, 50) ORDER BY seq`, [run.id]);
      expect(thinned).toHaveLength(50);
      expect(thinned[0].point).toEqual(rows[0].point);
      expect(thinned[49].point).toEqual(rows[rows.length - 1].point);
    }

    // The splits stored beside the recording are as visible as the run, through their own function.
    const splits = `SELECT json_array_length(splits) AS n FROM maratron_run_splits(ARRAY[$1]::uuid[])`;
    expect(await asViewer(stranger.id, splits, [run.id])).toEqual([{ n: 5 }]);

    // Nothing at all of a run the viewer may not see, or of a hidden map.
    await t.sql(`UPDATE runs SET visibility = 'FOLLOWERS' WHERE id = $1`, [run.id]);
    expect(await asViewer(stranger.id, throughRule, [run.id])).toEqual([]);
    expect(await asViewer(stranger.id, splits, [run.id])).toEqual([]);
    expect((await asViewer(follower.id, throughRule, [run.id])).length).toBeGreaterThan(0);
    await t.sql(`UPDATE runs SET hide_track = true WHERE id = $1`, [run.id]);
    expect(await asViewer(follower.id, throughRule, [run.id])).toEqual([]);
    expect(await asViewer(follower.id, splits, [run.id])).toEqual([{ n: 5 }]);
    expect(await asViewer(owner.id, throughRule, [run.id])).toHaveLength(whole.length);
  });
});
