import { PUBLIC, SESSION_ONLY, TokenScope, scopeAllows, scopeRequired } from '@maratron/domain';
import type { ScopeRequirement } from '@maratron/domain';

const {
  PROFILE_READ: PROFILE_R,
  RUNS_READ: RUNS_R,
  RUNS_WRITE: RUNS_W,
  SOCIAL_READ: SOCIAL_R,
  SOCIAL_WRITE: SOCIAL_W,
  TRAINING_READ: TRAINING_R,
  COACH,
} = TokenScope;
const SESSION = SESSION_ONLY;

/**
 * What every entry point needs, in one place: each root field of the GraphQL schema (Query,
 * Mutation, Subscription), each /api route and each MCP tool, resource and prompt names a token
 * scope, SESSION (account operations: only a signed-in session, never an access token) or PUBLIC.
 * A signed-in session has every scope. Enforced centrally: the gateway's scopes plugin and
 * graphql-ws's onSubscribe (gateway/src/protection/scopes.ts, which also refuses to build a schema
 * with an undeclared root field), the /api route wrapper (gateway/src/common/http.ts) and the MCP
 * server's tool and resource wrappers (ai-server/src/server.ts) and its prompts (ai-server/src/prompts.ts).
 */
export const SCOPES = {
  Query: {
    me: PROFILE_R,
    user: PROFILE_R,
    searchUsers: PROFILE_R,
    run: RUNS_R,
    runs: RUNS_R,
    shoes: RUNS_R,
    importJob: RUNS_R,
    importJobs: RUNS_R,
    feed: SOCIAL_R,
    post: SOCIAL_R,
    group: SOCIAL_R,
    groups: SOCIAL_R,
    leaderboard: SOCIAL_R,
    notifications: SOCIAL_R,
    trainingSummary: TRAINING_R,
    trainingPlan: TRAINING_R,
    coachConversation: COACH,
    coachConversations: COACH,
    sessions: SESSION,
    personalAccessTokens: SESSION,
    authorizedApps: SESSION,
    privacyZones: SESSION,
    followRequests: SESSION,
    blockedUsers: SESSION,
    webhooks: RUNS_R,
  },
  Mutation: {
    signUp: PUBLIC,
    signIn: PUBLIC,
    requestPasswordReset: PUBLIC,
    resetPassword: PUBLIC,
    createRun: RUNS_W,
    updateRun: RUNS_W,
    deleteRun: RUNS_W,
    importActivity: RUNS_W,
    createShoe: RUNS_W,
    updateShoe: RUNS_W,
    retireShoe: RUNS_W,
    follow: SOCIAL_W,
    unfollow: SOCIAL_W,
    createPost: SOCIAL_W,
    deletePost: SOCIAL_W,
    likePost: SOCIAL_W,
    unlikePost: SOCIAL_W,
    addComment: SOCIAL_W,
    deleteComment: SOCIAL_W,
    createGroup: SOCIAL_W,
    joinGroup: SOCIAL_W,
    leaveGroup: SOCIAL_W,
    inviteToGroup: SOCIAL_W,
    markNotificationsRead: SOCIAL_W,
    askCoach: COACH,
    generateTrainingPlan: COACH,
    createWebhook: RUNS_R,
    deleteWebhook: RUNS_R,
    // Account operations: the runner's own signed-in session only.
    signOut: SESSION,
    revokeSession: SESSION,
    changePassword: SESSION,
    enableTwoFactor: SESSION,
    confirmTwoFactor: SESSION,
    disableTwoFactor: SESSION,
    updateProfile: SESSION,
    addPrivacyZone: SESSION,
    removePrivacyZone: SESSION,
    approveFollowRequest: SESSION,
    declineFollowRequest: SESSION,
    removeFollower: SESSION,
    blockUser: SESSION,
    unblockUser: SESSION,
    deleteAccount: SESSION,
    createPersonalAccessToken: SESSION,
    revokePersonalAccessToken: SESSION,
    revokeAuthorizedApp: SESSION,
  },
  Subscription: {
    feedPostAdded: SOCIAL_R,
    postUpdated: SOCIAL_R,
    commentAdded: SOCIAL_R,
    notificationAdded: SOCIAL_R,
    leaderboardUpdated: SOCIAL_R,
    importProgress: RUNS_R,
    coachReplyChunk: COACH,
  },
  /** /api routes, as `METHOD path` with express's path syntax. */
  Route: {
    'GET /runs/:id.gpx': RUNS_R,
    'POST /imports': RUNS_W,
    // Everything the account holds, private settings included.
    'GET /export': SESSION,
    // The OAuth consent page: only the runner, signed in, approves or denies an app.
    'GET /oauth/requests/:id': SESSION,
    'POST /oauth/requests/:id': SESSION,
    // A link for one of the downloads above, refused unless the caller's scopes cover that download too.
    'POST /download-links': RUNS_R,
  },
  /** MCP tools. */
  Tool: {
    get_user_context: TRAINING_R,
    list_runs: RUNS_R,
    get_run: RUNS_R,
    log_run: RUNS_W,
    shoe_report: RUNS_R,
    training_summary: TRAINING_R,
    predict_race: TRAINING_R,
    generate_training_plan: COACH,
    server_health: PUBLIC,
    update_run: RUNS_W,
    delete_run: RUNS_W,
    list_shoes: RUNS_R,
    add_shoe: RUNS_W,
    update_shoe: RUNS_W,
    retire_shoe: RUNS_W,
    get_preferences: PROFILE_R,
    // Units, the visibility new runs get and the training profile: settings of the training log,
    // which RUNS_WRITE already lets a token write (it may make any run PUBLIC through updateRun),
    // so no new power, and no scope to invent. The account itself (name, username, follow
    // policy, privacy zones: updateProfile and the rest) stays SESSION.
    update_preferences: RUNS_W,
    get_feed: SOCIAL_R,
    create_post: SOCIAL_W,
    give_kudos: SOCIAL_W,
    add_comment: SOCIAL_W,
    list_notifications: SOCIAL_R,
    mark_notifications_read: SOCIAL_W,
  },
  /** MCP resources, by URI. */
  Resource: {
    'maratron://runs/recent': RUNS_R,
    'maratron://plans/current': TRAINING_R,
    'maratron://runs/{id}': RUNS_R,
  },
  /** MCP prompts: the scope of the tools each one tells the model to call. */
  Prompt: {
    weekly_review: TRAINING_R,
    race_preparation: TRAINING_R,
    shoe_check: RUNS_R,
  },
} as const satisfies Record<string, Record<string, ScopeRequirement>>;

export type ScopeKind = keyof typeof SCOPES;

/**
 * What the coach's tools may do when askCoach or generateTrainingPlan came with an access token:
 * the reads the coach answers from (a COACH token lets the coach look at the runner's runs and
 * training), and whatever else the token itself may do — never more (no log_run without RUNS_WRITE).
 */
export function coachToolScopes(scopes: readonly TokenScope[]): TokenScope[] {
  return [...new Set([...scopes, TokenScope.PROFILE_READ, TokenScope.RUNS_READ, TokenScope.TRAINING_READ, TokenScope.COACH])];
}

/** What `name` of `kind` needs; undefined when it is not declared. */
export function scopeOf(kind: ScopeKind, name: string): ScopeRequirement | undefined {
  const declared: Record<string, ScopeRequirement> = SCOPES[kind];
  return Object.hasOwn(declared, name) ? declared[name] : undefined;
}

/**
 * Refuses (FORBIDDEN with requiredScope) a credential with `scopes` (null: a session) something
 * that needs `required`; an undeclared entry point is refused to tokens too (as SESSION).
 */
export function assertScope(scopes: readonly TokenScope[] | null | undefined, required: ScopeRequirement | undefined): void {
  const need = required ?? SESSION;
  if (!scopeAllows(scopes ?? null, need)) throw scopeRequired(need === PUBLIC ? SESSION : need);
}
