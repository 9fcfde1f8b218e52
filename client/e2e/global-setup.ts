import fs from 'node:fs';
import path from 'node:path';
import gatewayGlobalSetup from '../../gateway/test/global-setup';
import { startTestGateway } from '../../gateway/test/harness';

/** Root fields and HTTP routes the e2e specs depend on, checked against a running gateway. */
const ROOT_FIELDS = {
  Query: [
    'trainingSummary',
    'feed',
    'notifications',
    'groups',
    'leaderboard',
    'coachConversations',
    'trainingPlan',
    'importJob',
    'importJobs',
    'privacyZones',
    'followRequests',
    'blockedUsers',
    'sessions',
  ],
  Mutation: [
    'importActivity',
    'createPost',
    'likePost',
    'addComment',
    'createGroup',
    'joinGroup',
    'askCoach',
    'generateTrainingPlan',
    'deleteAccount',
    'markNotificationsRead',
    'addPrivacyZone',
    'approveFollowRequest',
    'blockUser',
    'removeFollower',
    'signOut',
    'revokeSession',
    'changePassword',
    'requestPasswordReset',
    'resetPassword',
    'enableTwoFactor',
    'confirmTwoFactor',
  ],
  Subscription: [
    'feedPostAdded',
    'postUpdated',
    'commentAdded',
    'notificationAdded',
    'coachReplyChunk',
    'leaderboardUpdated',
    'importProgress',
  ],
};
const ROUTES = [
  ['POST', '/api/imports'],
  ['GET', '/api/export'],
  ['GET', '/api/runs/00000000-0000-4000-8000-000000000000.gpx'],
] as const;

/**
 * Starts the database like the gateway's suite, then asks a real gateway (the same code the
 * specs run) which server features exist: introspection for root fields, an unauthenticated
 * request for each /api route (Express's own 404 page means the route does not exist). The
 * answer goes to the specs in MARATRON_E2E_FEATURES, so a spec whose server side is not
 * there yet is skipped by name locally — and fails under CI.
 */
export default async function globalSetup() {
  if (!fs.existsSync(path.resolve(__dirname, '..', 'dist', 'index.html'))) {
    throw new Error('client/dist is missing: build the web client first (`npm run build`; `npm test` does it)');
  }
  await gatewayGlobalSetup();
  const t = await startTestGateway();
  try {
    const features: string[] = [];
    for (const [type, fields] of Object.entries(ROOT_FIELDS)) {
      const res = await t.gql<{ __type: { fields: { name: string }[] | null } | null }>(
        `query($name: String!) { __type(name: $name) { fields { name } } }`,
        { name: type },
      );
      const present = new Set<string>((res.data?.__type?.fields ?? []).map((f) => f.name));
      for (const f of fields) if (present.has(f)) features.push(`${type}.${f}`);
    }
    for (const [method, route] of ROUTES) {
      const res = await fetch(`${t.url}${route}`, { method });
      const body = await res.text();
      if (!(res.status === 404 && body.includes(`Cannot ${method}`))) features.push(`${method} ${route.replace(/[0-9a-f-]{36}/, ':id')}`);
    }
    process.env.MARATRON_E2E_FEATURES = JSON.stringify(features);
  } finally {
    await t.close();
  }
}
