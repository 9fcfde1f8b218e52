import { createHash, randomBytes } from 'node:crypto';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { badInput, emailSchema, notFound, parseInput, passwordSchema, twoFactorRequired } from '@maratron/domain';
import { User } from '@maratron/schema';
import { hashPassword, verifyPassword } from '../auth/passwords';
import type { SignInLimiter } from '../auth/sign-in-limiter';
import type { PasswordResetConfig } from '../config';
import { actAs, requireSession } from '../context';
import type { RequestContext } from '../context';
import { hydrate } from '../database/rows';
import type { Logger } from '../logger';
import type { Mailer } from '../mail/mailer';
import { createLimiter } from '../protection/limiter';
import type { RedisClient } from '../redis';
import { USER_COLUMNS } from '../users/users.sql';
import type { AuthSession } from '../users/users.service';
import type { SessionsService } from './sessions.service';
import type { TwoFactorService } from './two-factor.service';

/** The stored form of a reset link's secret. */
const hashResetSecret = (secret: string) => createHash('sha256').update(secret, 'utf8').digest();

/**
 * Changing a password, and getting back into an account whose password is forgotten.
 *
 * A reset link carries a secret of 32 random bytes; only its SHA-256 is stored (a database copy
 * can't be turned into working links), it works once and for PASSWORD_RESET_TTL_SECONDS, and
 * using one ends the account's other links too. Asking for one answers `true` whatever the email
 * (no account enumeration): the same statements run either way, and the mail goes out after the
 * commit, off the request. Asking is limited per email and per client address
 * (PASSWORD_RESET_LIMIT_*): past a limit the answer is still `true` and nothing is sent (a
 * different answer would tell a prober something, and a mailbox can't be flooded).
 */
export class PasswordsService {
  private readonly resetsByEmail: RateLimiterAbstract;
  private readonly resetsByAddress: RateLimiterAbstract;

  constructor(
    private readonly sessions: SessionsService,
    private readonly twoFactor: TwoFactorService,
    private readonly signInLimiter: SignInLimiter,
    private readonly mailer: Mailer,
    private readonly config: { publicUrl: string; passwordReset: PasswordResetConfig },
    redis: RedisClient | null,
    private readonly logger: Logger,
  ) {
    const { perEmail, perAddress, windowSeconds } = config.passwordReset;
    this.resetsByEmail = createLimiter(redis, { keyPrefix: 'reset:email', points: perEmail, duration: windowSeconds });
    this.resetsByAddress = createLimiter(redis, { keyPrefix: 'reset:address', points: perAddress, duration: windowSeconds });
  }

  /**
   * changePassword: the current password confirms it (a wrong one is BAD_USER_INPUT on
   * `currentPassword` and counts against the sign-in limits); the new one follows the sign-up
   * rules. Every other session ends; this one goes on, with a fresh token.
   */
  async changePassword(ctx: RequestContext, currentPassword: string, newPasswordInput: string): Promise<AuthSession> {
    const { viewerId, sessionId } = requireSession(ctx);
    const newPassword = parseInput(passwordSchema, newPasswordInput, 'newPassword');
    const [found] = await ctx.db.query<{ email: string; passwordHash: string }>(
      `SELECT email, password_hash AS "passwordHash" FROM users WHERE id = $1`,
      [viewerId],
    );
    if (!found) throw notFound('User');
    await this.signInLimiter.reserve(found.email, ctx.address);
    if (typeof currentPassword !== 'string' || !(await verifyPassword(currentPassword, found.passwordHash))) {
      throw badInput('currentPassword', 'Wrong password; it was not changed');
    }
    await this.signInLimiter.succeeded(found.email, ctx.address);
    const passwordHash = await hashPassword(newPassword);
    return ctx.db.transaction(async () => {
      const user = await this.setPassword(ctx, viewerId, passwordHash);
      await this.sessions.endOthers(ctx, viewerId, sessionId);
      return { token: await this.sessions.renew(ctx), user };
    });
  }

  /** requestPasswordReset: always true; for a known email (within the limits) a link is mailed after the commit. */
  async requestReset(ctx: RequestContext, emailInput: string): Promise<boolean> {
    const email = parseInput(emailSchema, emailInput, 'email');
    if (!(await this.withinLimits(email, ctx.address))) return true;
    const secret = randomBytes(32).toString('base64url');
    const [{ known }] = await ctx.db.query<{ known: boolean }>(`SELECT maratron_issue_password_reset($1, $2, $3) AS known`, [
      email,
      hashResetSecret(secret),
      this.config.passwordReset.ttlSeconds,
    ]);
    if (known) {
      const link = `${this.config.publicUrl}/reset-password?token=${secret}`;
      const minutes = Math.round(this.config.passwordReset.ttlSeconds / 60);
      ctx.db.afterCommit(() => {
        this.mailer
          .send({
            to: email,
            subject: 'Reset your Maratron password',
            link,
            text:
              `Someone (we hope you) asked to reset the password of your Maratron account.\n\n` +
              `Open this link within ${minutes} minutes to choose a new one; it works once:\n\n${link}\n\n` +
              `If it wasn't you, ignore this message: your password stays as it is.\n`,
          })
          .catch((err: unknown) => this.logger.error({ err, requestId: ctx.requestId }, 'password reset mail could not be sent'));
      });
    }
    return true;
  }

  /**
   * resetPassword: a link's secret and a new password (the sign-up rules). An unknown, used or
   * expired link is BAD_USER_INPUT on `token` and changes nothing. The password is set, every
   * session ends and a new one starts. With two-step sign-in on, a link (proof of the mailbox
   * only) does not sign in: the password is set and the sessions end all the same, and the answer
   * is UNAUTHENTICATED with `twoFactorRequired` — signIn with the new password and a code.
   */
  async resetPassword(ctx: RequestContext, secret: string, newPasswordInput: string): Promise<AuthSession> {
    const newPassword = parseInput(passwordSchema, newPasswordInput, 'newPassword');
    if (typeof secret !== 'string' || !secret || secret.length > 200) throw badInput('token', 'This reset link is not valid');
    const passwordHash = await hashPassword(newPassword);
    const outcome = await ctx.db.transaction(async () => {
      const [{ userId }] = await ctx.db.query<{ userId: string | null }>(`SELECT maratron_use_password_reset($1) AS "userId"`, [
        hashResetSecret(secret),
      ]);
      if (!userId) throw badInput('token', 'This reset link is not valid: it was used, has expired or is unknown; ask for a new one');
      await actAs(ctx, userId, null);
      const user = await this.setPassword(ctx, userId, passwordHash);
      await this.sessions.endAll(ctx, userId);
      if ((await this.twoFactor.secondStep(ctx, userId, null)) !== 'off') return null;
      return { token: await this.sessions.start(ctx, userId), user };
    });
    if (!outcome) {
      await actAs(ctx, null, null);
      throw twoFactorRequired('Your password is set. Two-step sign-in is on: sign in with it and a code from your app');
    }
    return outcome;
  }

  private async setPassword(ctx: RequestContext, userId: string, passwordHash: string): Promise<User> {
    const rows = await ctx.db.query<User>(
      `UPDATE users AS u SET password_hash = $2, updated_at = now() WHERE u.id = $1 RETURNING ${USER_COLUMNS}`,
      [userId, passwordHash],
    );
    if (!rows.length) throw notFound('User');
    ctx.loaders.userById.clear(userId);
    return hydrate(User, rows)[0];
  }

  /** Takes a point from the email's and the address's reset limits; false (and logged) past either. */
  private async withinLimits(email: string, address: string): Promise<boolean> {
    for (const [limiter, key] of [
      [this.resetsByAddress, address],
      [this.resetsByEmail, email],
    ] as const) {
      try {
        await limiter.consume(key, 1);
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        this.logger.warn({ limit: limiter === this.resetsByEmail ? 'email' : 'address' }, 'password reset asked too often: nothing sent');
        return false;
      }
    }
    return true;
  }
}
