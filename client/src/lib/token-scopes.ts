import type { TokenScope } from '../gql/graphql';

/** Every scope a token or an app may carry, with what it lets it do (one line each): the token form, the app list and the consent page. */
export const TOKEN_SCOPES: { scope: TokenScope; label: string; explanation: string }[] = [
  { scope: 'PROFILE_READ', label: 'Read profiles', explanation: 'Your profile and other runners’ public profiles, and search.' },
  { scope: 'RUNS_READ', label: 'Read runs', explanation: 'Your runs, shoes, imports and GPX files, and your webhooks.' },
  { scope: 'RUNS_WRITE', label: 'Write runs', explanation: 'Log, edit, import and delete runs, and manage shoes.' },
  { scope: 'SOCIAL_READ', label: 'Read social', explanation: 'Feed, posts, groups, leaderboards and notifications.' },
  { scope: 'SOCIAL_WRITE', label: 'Write social', explanation: 'Follow, post, give kudos, comment and join groups.' },
  { scope: 'TRAINING_READ', label: 'Read training', explanation: 'Your training summary and training plan.' },
  { scope: 'COACH', label: 'Coach', explanation: 'Ask the coach and generate training plans.' },
];
export const SCOPE_LABEL = Object.fromEntries(TOKEN_SCOPES.map((s) => [s.scope, s.label])) as Record<TokenScope, string>;
