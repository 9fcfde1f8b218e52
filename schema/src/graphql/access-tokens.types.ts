import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { TokenScope } from '@maratron/domain';

registerEnumType(TokenScope, {
  name: 'TokenScope',
  description: 'What a personal access token may do; a signed-in session may do everything.',
  valuesConfig: {
    PROFILE_READ: { description: 'me, user, searchUsers' },
    RUNS_READ: { description: 'run(s), shoes, importJob(s), GPX downloads, webhooks' },
    RUNS_WRITE: { description: 'createRun, updateRun, deleteRun, importActivity, shoes, POST /api/imports' },
    SOCIAL_READ: { description: 'feed, post, group(s), leaderboard, notifications, their subscriptions' },
    SOCIAL_WRITE: { description: 'follow, unfollow, posts, kudos, comments, groups, markNotificationsRead' },
    TRAINING_READ: { description: 'trainingSummary, trainingPlan' },
    COACH: { description: 'askCoach, generateTrainingPlan, coachConversation(s), coachReplyChunk' },
  },
});

/** One of the viewer's personal access tokens (never its secret). */
@ObjectType({ description: "One of the viewer's personal access tokens (its secret is shown only once, when created)." })
export class PersonalAccessToken {
  @Field(() => ID, { description: 'The token’s id (for revokePersonalAccessToken); not the secret.' }) id!: string;
  @Field(() => String, { description: 'The name the runner gave it.' }) name!: string;
  @Field(() => [TokenScope], { description: 'What it may do.' }) scopes!: TokenScope[];
  @Field(() => Date, { description: 'When it was created.' }) createdAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When it was last used (kept to the minute); null if never.' })
  lastUsedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When it stops working; null: never.' }) expiresAt!: Date | null;
}

/** createPersonalAccessToken's answer: the secret, shown this once. */
@ObjectType({ description: 'A token just created: `token` is its secret, shown this once.' })
export class NewPersonalAccessToken {
  @Field(() => String, { description: 'The secret (`mrt_pat_…`), to send as `Authorization: Bearer <token>`. Not shown again.' })
  token!: string;
  @Field(() => PersonalAccessToken, { description: 'The token as it will be listed in personalAccessTokens.' })
  accessToken!: PersonalAccessToken;
}
