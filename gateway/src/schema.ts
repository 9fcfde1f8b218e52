import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchemaSync } from 'type-graphql';
import type { ContainerType, NonEmptyArray } from 'type-graphql';

/** A resolver class as type-graphql takes it. */
type ResolverClass = abstract new (...args: never[]) => object;
import { RunResolver } from './runs/run.resolver';
import { RunsResolver } from './runs/runs.resolver';
import type { GatewayServices as Services } from './services';
import { ShoeResolver } from './shoes/shoe.resolver';
import { ShoesResolver } from './shoes/shoes.resolver';
import { GroupResolver } from './groups/group.resolver';
import { GroupsResolver } from './groups/groups.resolver';
import { NotificationResolver } from './notifications/notification.resolver';
import { NotificationsResolver } from './notifications/notifications.resolver';
import { CommentResolver } from './social/comment.resolver';
import { CommentsResolver } from './social/comments.resolver';
import { BlocksResolver } from './social/blocks.resolver';
import { FollowRequestResolver } from './social/follow-request.resolver';
import { FollowsResolver } from './social/follows.resolver';
import { TrainingResolver } from './training/training.resolver';
import { TrainingSummaryResolver } from './training/training-summary.resolver';
import {
  RunHeartRatesResolver,
  TrainingProfileHeartRatesResolver,
  TrainingSummaryHeartRatesResolver,
} from './training/heart-rates.resolver';
import { LeaderboardResolver } from './social/leaderboard.resolver';
import { PostResolver } from './social/post.resolver';
import { PostsResolver } from './social/posts.resolver';
import { refusingPubSub } from './subscriptions/pubsub';
import { UserResolver } from './users/user.resolver';
import { UsersResolver } from './users/users.resolver';
import { ImportsResolver } from './imports/imports.resolver';
import { CoachConversationResolver, CoachResolver } from './coach/coach.resolver';
import { PrivacyResolver } from './privacy/privacy.resolver';
import { PasswordsResolver } from './sessions/passwords.resolver';
import { SessionResolver } from './sessions/session.resolver';
import { SessionsResolver } from './sessions/sessions.resolver';
import { TwoFactorResolver } from './sessions/two-factor.resolver';
import { AccessTokensResolver } from './access-tokens/access-tokens.resolver';
import { AuthorizedAppsResolver } from './access-tokens/authorized-apps.resolver';
import { assertScopesDeclared } from './protection/scopes';
import { WebhookResolver, WebhooksResolver } from './webhooks/webhooks.resolver';

/** Resolver instances, each given the services it calls. */
function resolverInstances(s: Services) {
  return [
    new UsersResolver(s.users),
    new UserResolver(s.runs, s.shoes, s.follows, s.blocks),
    new RunsResolver(s.runs),
    new RunResolver(s.runs),
    new ShoesResolver(s.shoes),
    new ShoeResolver(s.shoes),
    new FollowsResolver(s.follows),
    new FollowRequestResolver(),
    new BlocksResolver(s.blocks),
    new TrainingResolver(s.training),
    new TrainingSummaryResolver(s.training),
    new RunHeartRatesResolver(s.heartRates),
    new TrainingProfileHeartRatesResolver(s.heartRates),
    new TrainingSummaryHeartRatesResolver(s.training),
    new PostsResolver(s.posts),
    new PostResolver(s.posts, s.comments),
    new CommentsResolver(s.comments),
    new CommentResolver(),
    new GroupsResolver(s.groups),
    new GroupResolver(s.groups, s.posts),
    new NotificationsResolver(s.notifications),
    new NotificationResolver(),
    new LeaderboardResolver(s.leaderboards),
    new ImportsResolver(s.imports),
    new CoachResolver(s.coach, s.plans),
    new CoachConversationResolver(),
    new PrivacyResolver(s.privacy),
    new SessionsResolver(s.sessions),
    new SessionResolver(),
    new PasswordsResolver(s.passwords),
    new TwoFactorResolver(s.twoFactor),
    new AccessTokensResolver(s.accessTokens),
    new AuthorizedAppsResolver(s.authorizedApps),
    new WebhooksResolver(s.webhooks),
    new WebhookResolver(s.webhooks),
  ];
}

export function buildGatewaySchema(services: Services): GraphQLSchema {
  const instances = resolverInstances(services);
  const container: ContainerType = {
    get: (cls) => instances.find((r) => r.constructor === cls),
  };
  const schema = buildSchemaSync({
    resolvers: instances.map((r) => r.constructor) as unknown as NonEmptyArray<ResolverClass>,
    container,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validate: false,
    pubSub: refusingPubSub,
  });
  describeRootTypes(schema);
  // Every root field declares the scope it needs (core/src/auth/scopes.ts), or there is no schema.
  assertScopesDeclared(schema);
  return schema;
}

/**
 * type-graphql builds Query, Mutation and Subscription from the resolvers' decorators and has no
 * place for their own descriptions: they are set here, on the built schema, before anything
 * prints or serves it (gateway/test/schema-docs.spec.ts wants every type described).
 */
const ROOT_TYPE_DESCRIPTIONS = {
  Query:
    'Everything that can be read. Units throughout: distances in metres, durations in seconds, paces in seconds per km, heart rate in beats per minute, times as ISO-8601 UTC. Every field needs a signed-in runner (`Authorization: Bearer <token>`) except `me`, which answers null when signed out. Errors carry extensions.code (UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, BAD_USER_INPUT with extensions.field, RATE_LIMITED with extensions.retryAfterSeconds).',
  Mutation:
    'Everything that changes data. Every mutation needs a signed-in runner except signUp, signIn, requestPasswordReset and resetPassword. Bad input answers BAD_USER_INPUT with extensions.field and changes nothing.',
  Subscription:
    'Live events over graphql-ws (the WebSocket protocol on /graphql; send the token as connectionParams.authorization). Every subscription needs a signed-in runner and delivers only what the viewer may see.',
} as const;

function describeRootTypes(schema: GraphQLSchema): void {
  for (const type of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (type) type.description = ROOT_TYPE_DESCRIPTIONS[type.name as keyof typeof ROOT_TYPE_DESCRIPTIONS];
  }
}

/** The SDL committed as schema/schema.graphql: sorted, so diffs show real changes only. */
export function printGatewaySchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
