import { SignInLimiter } from './auth/sign-in-limiter';
import { TokenService } from './auth/tokens';
import type { Config, ImportConfig } from './config';
import type { EventBus } from './events';
import { GroupsService } from './groups/groups.service';
import { NotificationsService } from './notifications/notifications.service';
import type { RedisClient } from './redis';
import { ActivityReaders } from './runs/activity-readers';
import { RunsService } from './runs/runs.service';
import { ShoesService } from './shoes/shoes.service';
import { CommentsService } from './social/comments.service';
import { BlocksService } from './social/blocks.service';
import { FollowsService } from './social/follows.service';
import { TrainingService } from './training/training.service';
import { HeartRatesService } from './training/heart-rates.service';
import { LeaderboardService } from './social/leaderboard.service';
import { PostsService } from './social/posts.service';
import { UsersService } from './users/users.service';
import { ImportsService } from './imports/imports.service';
import { ExportService } from './exports/export.service';
import { TrainingPlansService } from './coach/training-plans.service';
import { AccessTokensService } from './access-tokens/access-tokens.service';
import { AuthorizedAppsService } from './oauth/authorized-apps.service';
import { PrivacyService } from './privacy/privacy.service';
import { createLogger } from './logger';
import type { Logger } from './logger';
import { Mailer } from './mail/mailer';
import { PasswordsService } from './sessions/passwords.service';
import { SessionsService } from './sessions/sessions.service';
import { TwoFactorService } from './sessions/two-factor.service';
import { WebhookSecrets } from './webhooks/webhook-secrets';
import { WebhooksService } from './webhooks/webhooks.service';

/** One instance of each service per process; they hold no request state. */
export function createServices(
  config: Pick<
    Config,
    | 'jwtTtlSeconds'
    | 'signInLimits'
    | 'exports'
    | 'activityFiles'
    | 'query'
    | 'privacy'
    | 'publicUrl'
    | 'mail'
    | 'passwordReset'
    | 'webhooks'
  > &
    Partial<Pick<Config, 'accessTokens'>> & {
      jwtSecret: string;
      imports: Pick<ImportConfig, 'queueSchema'>;
    },
  redis: RedisClient | null,
  events: EventBus,
  /** Where mail problems (and, without SMTP_URL, the links mailed) are logged. */
  logger: Logger = createLogger('silent'),
) {
  const tokens = new TokenService(config.jwtSecret, config.jwtTtlSeconds);
  const signInLimiter = new SignInLimiter(config.signInLimits, redis);
  const sessions = new SessionsService(tokens, events);
  const twoFactor = new TwoFactorService(config.jwtSecret, signInLimiter);
  const mailer = new Mailer(config.mail, logger);
  const shoes = new ShoesService(events);
  const notifications = new NotificationsService(events);
  const posts = new PostsService(notifications, events);
  const groups = new GroupsService(notifications);
  const follows = new FollowsService(notifications, config.query.followRequestsMax);
  const heartRates = new HeartRatesService();
  const training = new TrainingService(shoes, heartRates);
  const plans = new TrainingPlansService(training, events);
  // Worker threads that read activity files; started with the first file, stopped by close().
  const activityReaders = new ActivityReaders(config.activityFiles);
  const webhookSecrets = new WebhookSecrets(config.jwtSecret);
  const webhooks = new WebhooksService(config.webhooks, webhookSecrets);
  return {
    tokens,
    events,
    users: new UsersService(sessions, signInLimiter, events, config.imports.queueSchema, twoFactor, follows),
    sessions,
    twoFactor,
    passwords: new PasswordsService(sessions, twoFactor, signInLimiter, mailer, config, redis, logger),
    mailer,
    shoes,
    runs: new RunsService(shoes, posts, events, activityReaders, config.query.trackMaxPoints, webhooks),
    activityReaders,
    follows,
    blocks: new BlocksService(config.query.blockedUsersMax),
    training,
    heartRates,
    notifications,
    posts,
    comments: new CommentsService(posts, notifications, events),
    groups,
    leaderboards: new LeaderboardService(groups),
    imports: new ImportsService(),
    exports: new ExportService(config.exports),
    plans,
    privacy: new PrivacyService(config.privacy.zonesMax),
    accessTokens: new AccessTokensService(events, config.accessTokens?.max ?? 50),
    authorizedApps: new AuthorizedAppsService(events),
    webhooks,
    webhookSecrets,
  };
}

export type Services = ReturnType<typeof createServices>;
