// The runner's tools beyond logging and reading runs (issue 16): correcting and deleting runs,
// shoes, preferences and the social side, through the gateway's services — an owner's call
// works and shows through GraphQL, another runner's objects and bad input change nothing — and
// every tool's description: annotations, input bounds from the domain's rules, and an
// outputSchema its every answer validates against.
import { randomUUID } from 'node:crypto';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv-provider.js';
import { ok } from '../../gateway/test/harness';
import type { TestUser } from '../../gateway/test/harness';
import { startStack, toolError, toolJson } from './stack';
import type { TestStack } from './stack';

const DAY = 86_400_000;
const iso = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString();

interface RunJson {
  id: string;
  name: string | null;
  distance: number;
  duration: number;
  visibility: string;
}
interface ShoeJson {
  id: string;
  name: string;
  brand: string | null;
  isDefault: boolean;
  retired: boolean;
  maxDistanceKm: number;
  distanceKm: number;
  runCount: number;
}
interface Preferences {
  units: string;
  defaultVisibility: string;
  trainingProfile: { level: string | null; goals: string[]; yearsRunning: number | null; preferredDays: string[] } | null;
}
interface PostJson {
  id: string;
  author: { id: string } | null;
  text: string;
  run: RunJson | null;
  kudos: number;
  comments: number;
  kudosFromYou: boolean;
}
interface NotificationsJson {
  notifications: { kind: string; actor: { id: string } | null; postId: string | null; read: boolean }[];
  unread: number;
  nextCursor: string | null;
}

let s: TestStack;
beforeAll(async () => {
  s = await startStack({ aiEnv: { AI_RATE_LIMIT_PER_MINUTE: '1000' } });
}, 30_000);
afterAll(() => s.close());

async function createRun(user: TestUser, input: Record<string, unknown>): Promise<string> {
  const res = await s.t.gql<{ createRun: { id: string } }>(
    `mutation($i: RunInput!) { createRun(input: $i) { id } }`,
    { i: input },
    user.token,
  );
  return ok(res).createRun.id;
}

async function createShoe(user: TestUser, name: string): Promise<string> {
  const res = await s.t.gql<{ createShoe: { id: string } }>(
    `mutation($n: String!) { createShoe(input: { name: $n }) { id } }`,
    { n: name },
    user.token,
  );
  return ok(res).createShoe.id;
}

async function row<T>(text: string, params: unknown[]): Promise<T | undefined> {
  return (await s.t.sql<T>(text.replaceAll('$schema', s.t.schema), params))[0];
}

const runRow = (id: string) =>
  row<{ distance: number; name: string | null; userId: string }>(
    `SELECT distance, name, user_id AS "userId" FROM $schema.runs WHERE id = $1`,
    [id],
  );
const shoeRow = (id: string) =>
  row<{ name: string; retired: boolean; maxDistance: number }>(
    `SELECT name, retired, max_distance AS "maxDistance" FROM $schema.shoes WHERE id = $1`,
    [id],
  );

const bad = (field: string) => ({ code: 'BAD_USER_INPUT', field });
const missing = { code: 'NOT_FOUND' };

describe('the runner tools', () => {
  let ann: TestUser;
  let bob: TestUser;
  let annMcp: Client;
  let bobMcp: Client;

  beforeAll(async () => {
    ann = await s.t.signUp('Ann');
    bob = await s.t.signUp('Bob');
    annMcp = await s.mcp(ann.token);
    bobMcp = await s.mcp(bob.token);
  });

  it('update_run and delete_run: the owner corrects and deletes runs as updateRun/deleteRun do; another runner and bad input change nothing', async () => {
    const runId = await createRun(ann, { startedAt: iso(2), distance: 10000, duration: 3000, visibility: 'PRIVATE', name: 'Tempo' });

    const updated = toolJson<{ run: RunJson }>(
      await annMcp.callTool({ name: 'update_run', arguments: { runId, distance: 12000, name: null, startedAt: iso(1) } }),
    );
    expect(updated.run).toMatchObject({ id: runId, distance: 12000, duration: 3000, name: null, visibility: 'PRIVATE' });
    const seen = await s.t.gql<{ run: { distance: number; name: string | null } }>(
      `query($id: ID!) { run(id: $id) { distance name } }`,
      { id: runId },
      ann.token,
    );
    expect(ok(seen).run).toEqual({ distance: 12000, name: null });

    // Another runner's (hidden) run: NOT_FOUND, unchanged, not deleted.
    expect(toolError(await bobMcp.callTool({ name: 'update_run', arguments: { runId, distance: 5000 } }))).toMatchObject(missing);
    expect(toolError(await bobMcp.callTool({ name: 'delete_run', arguments: { runId } }))).toMatchObject(missing);
    // Bad input: the field, and nothing stored (the pace rule and the distance rule as GraphQL's).
    expect(toolError(await annMcp.callTool({ name: 'update_run', arguments: { runId, distance: -1 } }))).toEqual({
      ...bad('distance'),
      message: 'Distance must be greater than 0',
    });
    expect(toolError(await annMcp.callTool({ name: 'update_run', arguments: { runId, duration: 60 } }))).toMatchObject(bad('duration'));
    expect(toolError(await annMcp.callTool({ name: 'update_run', arguments: { runId, startedAt: 'yesterday' } }))).toMatchObject(
      bad('startedAt'),
    );
    expect(toolError(await annMcp.callTool({ name: 'update_run', arguments: { runId: 'nope' } }))).toEqual({
      ...bad('runId'),
      message: 'Run ID is not valid',
    });
    expect(await runRow(runId)).toEqual({ distance: 12000, name: null, userId: ann.id });
    // A run Bob may see but that is not his: FORBIDDEN, as updateRun answers (never NOT_FOUND, which would lie).
    const publicRun = await createRun(ann, { startedAt: iso(3), distance: 6000, duration: 1800, visibility: 'PUBLIC', name: 'Easy' });
    for (const name of ['update_run', 'delete_run']) {
      expect(toolError(await bobMcp.callTool({ name, arguments: { runId: publicRun, distance: 1000 } }))).toMatchObject({
        code: 'FORBIDDEN',
        message: 'That run is not yours',
      });
    }
    expect(await runRow(publicRun)).toEqual({ distance: 6000, name: 'Easy', userId: ann.id });

    expect(toolJson(await annMcp.callTool({ name: 'delete_run', arguments: { runId } }))).toEqual({ deletedRunId: runId });
    expect(await runRow(runId)).toBeUndefined();
    expect(toolError(await annMcp.callTool({ name: 'delete_run', arguments: { runId } }))).toMatchObject(missing);
  });

  it("shoes: list, add, change and retire as the shoes query and mutations do; another runner's shoe and bad input change nothing", async () => {
    const bobShoe = await createShoe(bob, 'Bob Clifton');

    const added = toolJson<{ shoe: ShoeJson }>(
      await annMcp.callTool({ name: 'add_shoe', arguments: { name: ' Pegasus ', brand: 'Nike', maxDistance: 700_000, isDefault: true } }),
    );
    expect(added.shoe).toMatchObject({ name: 'Pegasus', brand: 'Nike', isDefault: true, retired: false, maxDistanceKm: 700, runCount: 0 });
    const shoeId = added.shoe.id;
    // Runs that name no shoe get the default one, as in the app.
    await createRun(ann, { startedAt: iso(1), distance: 8000, duration: 2400 });
    const listed = toolJson<{ shoes: ShoeJson[] }>(await annMcp.callTool({ name: 'list_shoes', arguments: {} }));
    expect(listed.shoes).toEqual([expect.objectContaining({ id: shoeId, distanceKm: 8, runCount: 1 })]);

    const changed = toolJson<{ shoe: ShoeJson }>(
      await annMcp.callTool({ name: 'update_shoe', arguments: { shoeId, name: 'Pegasus 41', brand: null } }),
    );
    expect(changed.shoe).toMatchObject({ id: shoeId, name: 'Pegasus 41', brand: null, maxDistanceKm: 700 });

    // Bad input: nothing stored.
    expect(toolError(await annMcp.callTool({ name: 'add_shoe', arguments: { name: 'Tiny', maxDistance: 10 } }))).toEqual({
      ...bad('maxDistance'),
      message: 'Max distance must be at least 1 km',
    });
    expect(toolError(await annMcp.callTool({ name: 'add_shoe', arguments: { name: '' } }))).toMatchObject(bad('name'));
    expect(toolError(await annMcp.callTool({ name: 'update_shoe', arguments: { shoeId, name: 'x'.repeat(101) } }))).toMatchObject(
      bad('name'),
    );
    const [{ n }] = await s.t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${s.t.schema}.shoes WHERE user_id = $1`, [ann.id]);
    expect(n).toBe(1);
    expect(await shoeRow(shoeId)).toEqual({ name: 'Pegasus 41', retired: false, maxDistance: 700_000 });

    // Another runner's shoe: refused as updateShoe/retireShoe refuse it (shoes are public, so
    // FORBIDDEN, not NOT_FOUND — the service's rule), a made-up one NOT_FOUND; nothing changes.
    for (const name of ['update_shoe', 'retire_shoe']) {
      expect(toolError(await annMcp.callTool({ name, arguments: { shoeId: bobShoe, name: 'Mine' } }))).toMatchObject({
        code: 'FORBIDDEN',
        message: 'That shoe is not yours',
      });
      expect(toolError(await annMcp.callTool({ name, arguments: { shoeId: randomUUID(), name: 'Mine' } }))).toMatchObject(missing);
    }
    expect(await shoeRow(bobShoe)).toEqual({ name: 'Bob Clifton', retired: false, maxDistance: 800_000 });

    const retired = toolJson<{ shoe: ShoeJson }>(await annMcp.callTool({ name: 'retire_shoe', arguments: { shoeId } }));
    expect(retired.shoe).toMatchObject({ id: shoeId, retired: true, isDefault: false });
    expect(toolJson<{ shoes: ShoeJson[] }>(await annMcp.callTool({ name: 'list_shoes', arguments: {} })).shoes).toEqual([]);
    const all = toolJson<{ shoes: ShoeJson[] }>(await annMcp.callTool({ name: 'list_shoes', arguments: { includeRetired: true } }));
    expect(all.shoes.map((shoe) => shoe.id)).toEqual([shoeId]);
    const viaGraphql = await s.t.gql<{ shoes: { id: string; retired: boolean }[] }>(
      `query { shoes(includeRetired: true) { id retired } }`,
      {},
      ann.token,
    );
    expect(ok(viaGraphql).shoes).toEqual([{ id: shoeId, retired: true }]);
  });

  it('preferences: read and change units, default visibility and the training profile by updateProfile’s rules; bad input stores nothing', async () => {
    const cy = await s.t.signUp('Cy');
    const c = await s.mcp(cy.token);
    expect(toolJson<Preferences>(await c.callTool({ name: 'get_preferences', arguments: {} }))).toEqual({
      units: 'METRIC',
      defaultVisibility: expect.any(String),
      trainingProfile: null,
    });

    const saved = toolJson<Preferences>(
      await c.callTool({
        name: 'update_preferences',
        arguments: {
          units: 'IMPERIAL',
          defaultVisibility: 'FOLLOWERS',
          trainingProfile: { level: 'INTERMEDIATE', goals: ['Sub-50 10K'], preferredDays: ['TUE', 'SAT', 'TUE'], yearsRunning: 4 },
        },
      }),
    );
    expect(saved).toMatchObject({
      units: 'IMPERIAL',
      defaultVisibility: 'FOLLOWERS',
      trainingProfile: { level: 'INTERMEDIATE', goals: ['Sub-50 10K'], preferredDays: ['TUE', 'SAT'], yearsRunning: 4, injuryNotes: null },
    });
    expect(toolJson(await c.callTool({ name: 'get_preferences', arguments: {} }))).toEqual(saved);
    const me = await s.t.gql<{ me: { units: string; defaultVisibility: string; trainingProfile: { yearsRunning: number } } }>(
      `query { me { units defaultVisibility trainingProfile { yearsRunning } } }`,
      {},
      cy.token,
    );
    expect(ok(me).me).toEqual({ units: 'IMPERIAL', defaultVisibility: 'FOLLOWERS', trainingProfile: { yearsRunning: 4 } });
    // A run that names no visibility now gets the new default.
    const runId = await createRun(cy, { startedAt: iso(1), distance: 5000, duration: 1500 });
    const run = toolJson<RunJson>(await c.callTool({ name: 'get_run', arguments: { runId } }));
    expect(run.visibility).toBe('FOLLOWERS');

    // Bad input: the field (dotted inside the training profile), and nothing stored — not even the valid units beside it.
    expect(
      toolError(await c.callTool({ name: 'update_preferences', arguments: { units: 'METRIC', trainingProfile: { yearsRunning: 500 } } })),
    ).toEqual({ ...bad('trainingProfile.yearsRunning'), message: 'Years running must be at most 100' });
    expect(toolError(await c.callTool({ name: 'update_preferences', arguments: { units: 'FURLONGS' } }))).toMatchObject(bad('units'));
    expect(toolJson(await c.callTool({ name: 'get_preferences', arguments: {} }))).toEqual(saved);
    // Account settings are not preferences: update_preferences ignores them.
    toolJson(await c.callTool({ name: 'update_preferences', arguments: { username: 'taken_over', followPolicy: 'OPEN' } }));
    expect(await row<{ username: string }>(`SELECT username FROM $schema.users WHERE id = $1`, [cy.id])).toEqual({ username: cy.username });
  });

  it("the social side: feed, posts, kudos, comments and notifications as GraphQL's; what the caller may not see is NOT_FOUND and unchanged", async () => {
    const dee = await s.t.signUp('Dee');
    const eve = await s.t.signUp('Eve');
    ok(await s.t.gql(`mutation($id: ID!) { follow(userId: $id) { id } }`, { id: dee.id }, eve.token));
    const deeMcp = await s.mcp(dee.token);
    const eveMcp = await s.mcp(eve.token);
    const runId = await createRun(dee, { startedAt: iso(1), distance: 10000, duration: 2700, visibility: 'FOLLOWERS' });

    const posted = toolJson<{ post: PostJson }>(
      await deeMcp.callTool({ name: 'create_post', arguments: { text: 'Felt strong today', runId } }),
    );
    expect(posted.post).toMatchObject({ author: { id: dee.id }, text: 'Felt strong today', run: { id: runId }, kudos: 0, comments: 0 });
    const postId = posted.post.id;

    const feed = toolJson<{ posts: PostJson[]; nextCursor: string | null }>(
      await eveMcp.callTool({ name: 'get_feed', arguments: { limit: 10 } }),
    );
    expect(feed.posts.map((p) => p.id)).toEqual([postId]);
    expect(feed.nextCursor).toBeNull();

    const kudos = toolJson<{ post: PostJson }>(await eveMcp.callTool({ name: 'give_kudos', arguments: { postId } }));
    expect(kudos.post).toMatchObject({ id: postId, kudos: 1, kudosFromYou: true });
    // Idempotent, as likePost.
    expect(toolJson<{ post: PostJson }>(await eveMcp.callTool({ name: 'give_kudos', arguments: { postId } })).post.kudos).toBe(1);
    const comment = toolJson<{ comment: { id: string; postId: string; text: string } }>(
      await eveMcp.callTool({ name: 'add_comment', arguments: { postId, text: '  Great pace!  ' } }),
    );
    expect(comment.comment).toMatchObject({ postId, text: 'Great pace!' });
    const viaGraphql = await s.t.gql<{ post: { likeCount: number; commentCount: number } }>(
      `query($id: ID!) { post(id: $id) { likeCount commentCount } }`,
      { id: postId },
      dee.token,
    );
    expect(ok(viaGraphql).post).toEqual({ likeCount: 1, commentCount: 1 });

    const notes = toolJson<NotificationsJson>(await deeMcp.callTool({ name: 'list_notifications', arguments: {} }));
    expect(notes.unread).toBe(3);
    expect(notes.notifications.map((n) => [n.kind, n.actor?.id, n.postId, n.read])).toEqual([
      ['COMMENTED', eve.id, postId, false],
      ['LIKED', eve.id, postId, false],
      ['FOLLOWED', eve.id, null, false],
    ]);
    const page = toolJson<NotificationsJson>(await deeMcp.callTool({ name: 'list_notifications', arguments: { limit: 1 } }));
    expect(page.notifications).toHaveLength(1);
    const next = toolJson<NotificationsJson>(
      await deeMcp.callTool({ name: 'list_notifications', arguments: { limit: 1, after: page.nextCursor } }),
    );
    expect(next.notifications.map((n) => n.kind)).toEqual(['LIKED']);
    expect(toolJson(await deeMcp.callTool({ name: 'mark_notifications_read', arguments: {} }))).toEqual({ marked: 3 });
    expect(toolJson(await deeMcp.callTool({ name: 'mark_notifications_read', arguments: {} }))).toEqual({ marked: 0 });
    expect(toolJson<NotificationsJson>(await deeMcp.callTool({ name: 'list_notifications', arguments: {} })).unread).toBe(0);

    // A runner who may not see the post (no follower of Dee) or the run: NOT_FOUND, nothing stored.
    const fay = await s.mcp((await s.t.signUp('Fay')).token);
    expect(toolError(await fay.callTool({ name: 'give_kudos', arguments: { postId } }))).toMatchObject({
      ...missing,
      message: 'Post not found',
    });
    expect(toolError(await fay.callTool({ name: 'add_comment', arguments: { postId, text: 'Hi' } }))).toMatchObject(missing);
    expect(toolError(await fay.callTool({ name: 'create_post', arguments: { text: 'Look', runId } }))).toMatchObject({
      ...missing,
      message: 'Run not found',
    });
    expect(toolJson<{ posts: PostJson[] }>(await fay.callTool({ name: 'get_feed', arguments: {} })).posts).toEqual([]);
    // Bad input: the field, nothing stored.
    expect(toolError(await deeMcp.callTool({ name: 'create_post', arguments: { text: '   ' } }))).toMatchObject(bad('text'));
    expect(toolError(await eveMcp.callTool({ name: 'add_comment', arguments: { postId, text: 'x'.repeat(2001) } }))).toEqual({
      ...bad('text'),
      message: 'Text must be at most 2000 characters',
    });
    expect(toolError(await eveMcp.callTool({ name: 'give_kudos', arguments: { postId: 'nope' } }))).toMatchObject(bad('postId'));
    expect(toolError(await eveMcp.callTool({ name: 'get_feed', arguments: { limit: 0 } }))).toEqual({
      ...bad('limit'),
      message: 'Limit must be between 1 and 100',
    });
    const counts = await row<{ posts: number; likes: number; comments: number }>(
      `SELECT (SELECT count(*)::int FROM $schema.posts WHERE user_id = ANY($1)) AS posts,
              (SELECT count(*)::int FROM $schema.post_likes WHERE post_id = $2) AS likes,
              (SELECT count(*)::int FROM $schema.comments WHERE post_id = $2) AS comments`,
      [[dee.id, eve.id], postId],
    );
    expect(counts).toEqual({ posts: 1, likes: 1, comments: 1 });
  });
});

describe('every tool as listed', () => {
  it('carries a title and every annotation, read-only exactly for the reads, and never an open world', async () => {
    const c = await s.mcp((await s.t.signUp('Gus')).token);
    const { tools } = await c.listTools();
    expect(tools.length).toBe(23);
    for (const tool of tools) {
      expect({ name: tool.name, title: typeof tool.title, annotations: tool.annotations }).toEqual({
        name: tool.name,
        title: 'string',
        annotations: {
          title: tool.title,
          readOnlyHint: expect.any(Boolean),
          destructiveHint: expect.any(Boolean),
          idempotentHint: expect.any(Boolean),
          openWorldHint: false,
        },
      });
      expect(tool.outputSchema).toBeDefined();
    }
    expect(
      tools
        .filter((t) => t.annotations?.readOnlyHint)
        .map((t) => t.name)
        .sort(),
    ).toEqual(
      [
        'get_feed',
        'get_preferences',
        'get_run',
        'get_user_context',
        'list_notifications',
        'list_runs',
        'list_shoes',
        'predict_race',
        'server_health',
        'shoe_report',
        'training_summary',
      ].sort(),
    );
    expect(
      tools
        .filter((t) => t.annotations?.destructiveHint)
        .map((t) => t.name)
        .sort(),
    ).toEqual(['delete_run', 'retire_shoe', 'update_preferences', 'update_run', 'update_shoe'].sort());
  });

  it("states the domain's bounds in its inputSchema: ranges, lengths, enums", async () => {
    const c = await s.mcp((await s.t.signUp('Hal')).token);
    const { tools } = await c.listTools();
    const input = (name: string) =>
      tools.find((t) => t.name === name)!.inputSchema as { properties: Record<string, unknown>; required?: string[] };
    expect(input('log_run').properties).toMatchObject({
      distance: { type: 'number', exclusiveMinimum: 0, maximum: 1_000_000 },
      duration: { type: 'integer', exclusiveMinimum: 0, maximum: 14 * 86_400 },
      startedAt: { type: 'string', format: 'date-time' },
      averageHeartRate: { anyOf: [{ type: 'integer', minimum: 25, maximum: 250 }, { type: 'null' }] },
      environment: { enum: ['OUTDOOR', 'TREADMILL', 'TRACK', 'TRAIL'] },
    });
    expect(input('update_run').required).toEqual(['runId']);
    expect(input('update_run').properties).toMatchObject({
      name: { anyOf: [{ type: 'string', maxLength: 120 }, { type: 'null' }] },
      notes: { anyOf: [{ type: 'string', maxLength: 5000 }, { type: 'null' }] },
    });
    expect(input('list_runs').properties.limit).toMatchObject({ type: 'integer', minimum: 1, maximum: 100 });
    expect(input('get_feed').properties.limit).toMatchObject({ type: 'integer', minimum: 1, maximum: 100 });
    expect(input('training_summary').properties.weeks).toMatchObject({ type: 'integer', minimum: 1, maximum: 260 });
    expect(input('generate_training_plan').properties).toMatchObject({
      daysPerWeek: { anyOf: [{ type: 'integer', minimum: 3, maximum: 7 }, { type: 'null' }] },
      goal: { enum: ['K5', 'K10', 'HALF_MARATHON', 'MARATHON'] },
    });
    expect(input('add_shoe').properties).toMatchObject({
      name: { type: 'string', minLength: 1, maxLength: 100 },
      maxDistance: { minimum: 1000, maximum: 5_000_000 },
    });
    expect(input('add_comment').properties.text).toMatchObject({ type: 'string', minLength: 1, maxLength: 2000 });
    expect(input('create_post').properties.text).toMatchObject({ type: 'string', maxLength: 2000 });
    expect(input('update_preferences').properties).toMatchObject({
      units: { anyOf: [{ enum: ['METRIC', 'IMPERIAL'] }, { type: 'null' }] },
      trainingProfile: {
        anyOf: [
          { type: 'object', properties: { yearsRunning: { anyOf: [{ minimum: 0, maximum: 100 }, { type: 'null' }] } } },
          { type: 'null' },
        ],
      },
    });
  });

  it("answers structuredContent that validates against the tool's outputSchema, errors included, for every new tool", async () => {
    const ida = await s.t.signUp('Ida');
    const jon = await s.t.signUp('Jon');
    ok(await s.t.gql(`mutation($id: ID!) { follow(userId: $id) { id } }`, { id: ida.id }, jon.token));
    const c = await s.mcp(ida.token);
    const other = await s.mcp(jon.token);
    const { tools } = await c.listTools();
    const ajv = new AjvJsonSchemaValidator();
    const schemaOf = new Map(tools.map((t) => [t.name, ajv.getValidator(t.outputSchema!)]));
    const conforms = (name: string, structured: unknown) => ({ name, ...schemaOf.get(name)!(structured) });

    const runId = await createRun(ida, { startedAt: iso(1), distance: 10000, duration: 3000, visibility: 'PUBLIC' });
    const results: [string, unknown][] = [];
    const call = async (client: Client, name: string, args: Record<string, unknown>) => {
      const structured = toolJson(await client.callTool({ name, arguments: args }));
      results.push([name, structured]);
      return structured as Record<string, unknown>;
    };
    await call(c, 'update_run', { runId, notes: 'Windy' });
    const { shoe } = (await call(c, 'add_shoe', { name: 'Ghost' })) as { shoe: { id: string } };
    await call(c, 'list_shoes', { includeRetired: true });
    await call(c, 'update_shoe', { shoeId: shoe.id, isDefault: true });
    await call(c, 'retire_shoe', { shoeId: shoe.id });
    await call(c, 'get_preferences', {});
    await call(c, 'update_preferences', { trainingProfile: { goals: ['A marathon'], weeklyDistanceGoal: 40000 } });
    const { post } = (await call(c, 'create_post', { text: 'Hello', runId })) as { post: { id: string } };
    await call(other, 'give_kudos', { postId: post.id });
    await call(other, 'add_comment', { postId: post.id, text: 'Nice' });
    await call(other, 'get_feed', {});
    await call(c, 'list_notifications', {});
    await call(c, 'mark_notifications_read', {});
    await call(c, 'delete_run', { runId });
    const names = new Set(results.map(([name]) => name));
    expect(names.size).toBe(14);
    for (const [name, structured] of results) expect(conforms(name, structured)).toMatchObject({ name, valid: true });

    const failures: [string, Record<string, unknown>][] = [
      ['update_run', { runId: randomUUID(), distance: 1 }],
      ['add_shoe', { name: '' }],
      ['update_preferences', { units: 'NONE' }],
      ['give_kudos', { postId: randomUUID() }],
      ['get_feed', { limit: 1000 }],
    ];
    for (const [name, args] of failures) {
      const result = await c.callTool({ name, arguments: args });
      expect(toolError(result).code).toMatch(/^(NOT_FOUND|BAD_USER_INPUT)$/);
      expect(conforms(name, result.structuredContent)).toMatchObject({ name, valid: true });
    }
  });
});

describe('an access token without the scope', () => {
  it('is FORBIDDEN with requiredScope for every write tool (RUNS_READ only), and nothing changes', async () => {
    const kim = await s.t.signUp('Kim');
    const runId = await createRun(kim, { startedAt: iso(1), distance: 10000, duration: 3000 });
    const shoeId = await createShoe(kim, 'Kinvara');
    const postId = ok(await s.t.gql<{ createPost: { id: string } }>(`mutation { createPost(input: { text: "Hi" }) { id } }`, {}, kim.token))
      .createPost.id;
    const created = await s.t.gql<{ createPersonalAccessToken: { token: string } }>(
      `mutation { createPersonalAccessToken(name: "reader", scopes: [RUNS_READ]) { token } }`,
      {},
      kim.token,
    );
    const c = await s.mcp(ok(created).createPersonalAccessToken.token);

    expect(toolJson<{ shoes: ShoeJson[] }>(await c.callTool({ name: 'list_shoes', arguments: {} })).shoes).toHaveLength(1);
    const refusals: [string, Record<string, unknown>, string][] = [
      ['update_run', { runId, distance: 5000 }, 'RUNS_WRITE'],
      ['delete_run', { runId }, 'RUNS_WRITE'],
      ['add_shoe', { name: 'New' }, 'RUNS_WRITE'],
      ['update_shoe', { shoeId, name: 'Renamed' }, 'RUNS_WRITE'],
      ['retire_shoe', { shoeId }, 'RUNS_WRITE'],
      ['update_preferences', { units: 'IMPERIAL' }, 'RUNS_WRITE'],
      ['create_post', { text: 'Hello' }, 'SOCIAL_WRITE'],
      ['give_kudos', { postId }, 'SOCIAL_WRITE'],
      ['add_comment', { postId, text: 'Hi' }, 'SOCIAL_WRITE'],
      ['mark_notifications_read', {}, 'SOCIAL_WRITE'],
      ['get_preferences', {}, 'PROFILE_READ'],
      ['get_feed', {}, 'SOCIAL_READ'],
      ['list_notifications', {}, 'SOCIAL_READ'],
    ];
    for (const [name, args, scope] of refusals) {
      expect({ name, ...toolError(await c.callTool({ name, arguments: args })) }).toMatchObject({
        name,
        code: 'FORBIDDEN',
        requiredScope: scope,
      });
    }
    expect(await runRow(runId)).toMatchObject({ distance: 10000 });
    expect(await shoeRow(shoeId)).toMatchObject({ name: 'Kinvara', retired: false });
    const state = await row<{ shoes: number; posts: number; likes: number; comments: number; units: string }>(
      `SELECT (SELECT count(*)::int FROM $schema.shoes WHERE user_id = $1) AS shoes,
              (SELECT count(*)::int FROM $schema.posts WHERE user_id = $1) AS posts,
              (SELECT count(*)::int FROM $schema.post_likes WHERE user_id = $1) AS likes,
              (SELECT count(*)::int FROM $schema.comments WHERE user_id = $1) AS comments,
              (SELECT units FROM $schema.users WHERE id = $1) AS units`,
      [kim.id],
    );
    expect(state).toEqual({ shoes: 1, posts: 1, likes: 0, comments: 0, units: 'METRIC' });
  });
});
