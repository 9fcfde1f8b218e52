import {
  badInput,
  FollowPolicy,
  notFound,
  parseId,
  parseInput,
  profileChangesSchema,
  signUpSchema,
  emailSchema,
  twoFactorRequired,
} from '@maratron/domain';
import { User } from '@maratron/schema';
import type { TrainingProfileChanges } from '@maratron/domain';
import type { RequestDb } from '../database/request-db';
import { publishAfterCommit } from '../events';
import type { EventBus } from '../events';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../auth/passwords';
import type { SignInLimiter } from '../auth/sign-in-limiter';
import { actAs, requireViewer } from '../context';
import type { RequestContext } from '../context';
import { hydrate } from '../database/rows';
import type { SessionsService } from '../sessions/sessions.service';
import type { TwoFactorService } from '../sessions/two-factor.service';
import type { FollowsService } from '../social/follows.service';
import { USER_COLUMNS } from './users.sql';

/** What signUp and signIn answer: the new session's token and the runner (GraphQL's AuthPayload). */
export interface AuthSession {
  token: string;
  user: User;
}

const UNIQUE_VIOLATION = '23505';

export class UsersService {
  constructor(
    /** Sign-up and sign-in start a session (its token is the credential). */
    private readonly sessions: SessionsService,
    private readonly signInLimiter: SignInLimiter,
    private readonly events: EventBus,
    /** PGBOSS_SCHEMA: the job queue's tables, whose rows name the runner (deleteAccount empties them of the account's). */
    private readonly queueSchema: string,
    private readonly twoFactor: TwoFactorService,
    private readonly follows: FollowsService,
  ) {}

  async signUp(ctx: RequestContext, input: unknown): Promise<AuthSession> {
    const data = parseInput(signUpSchema, input);
    const passwordHash = await hashPassword(data.password);
    return ctx.db.transaction(async () => {
      const taken = await ctx.db.query<{ email: string; username: string }>(
        `SELECT email, username FROM users WHERE email = $1 OR username = $2`,
        [data.email, data.username],
      );
      if (taken.some((t) => t.email === data.email)) throw badInput('email', 'This email address is already registered');
      if (taken.length) throw badInput('username', 'This username is already taken');
      try {
        const rows = await ctx.db.query<User>(
          `INSERT INTO users AS u (email, username, password_hash, name) VALUES ($1, $2, $3, $4) RETURNING ${USER_COLUMNS}`,
          [data.email, data.username, passwordHash, data.name],
        );
        const user = hydrate(User, rows)[0];
        const token = await this.sessions.start(ctx, user.id);
        // Acting as the new runner from here (sessions.start), so the owner-only policy lets this in.
        if (data.timeZone)
          await ctx.db.execute(`INSERT INTO training_profiles (user_id, time_zone) VALUES ($1, $2)`, [user.id, data.timeZone]);
        return { token, user };
      } catch (error) {
        // Two sign-ups racing for the same email or username: the unique index decides.
        if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
          const field = String((error as { constraint?: string }).constraint).includes('email') ? 'email' : 'username';
          throw badInput(field, field === 'email' ? 'This email address is already registered' : 'This username is already taken');
        }
        throw error;
      }
    });
  }

  /**
   * The password, and with two-step sign-in on a code too (TOTP, or a recovery code, used up). A
   * missing code answers UNAUTHENTICATED with `twoFactorRequired` and costs no attempt; a wrong one
   * says the same and counts against the sign-in limits like a wrong password.
   */
  async signIn(ctx: RequestContext, emailInput: string, password: string, code?: string | null): Promise<AuthSession> {
    const email = parseInput(emailSchema, emailInput, 'email');
    // The attempt counts from here (see SignInLimiter): a wrong password keeps it counted.
    await this.signInLimiter.reserve(email, ctx.address);
    const rows = await ctx.db.query<User & { passwordHash: string }>(
      `SELECT ${USER_COLUMNS}, u.password_hash AS "passwordHash" FROM users u WHERE u.email = $1`,
      [email],
    );
    const found = rows[0];
    const ok = await verifyPassword(password, found?.passwordHash ?? DUMMY_HASH);
    if (!found || !ok) {
      // One message for both cases: sign-in must not tell which emails have accounts.
      throw badInput('password', 'Wrong email or password');
    }
    // The second step reads the runner's own rows (row-level security): as them, and only for it.
    await ctx.db.actAs(found.id);
    let token: string;
    try {
      token = await ctx.db.transaction(async () => {
        const step = await this.twoFactor.secondStep(ctx, found.id, code);
        if (step === 'missing') throw twoFactorRequired('Enter the code from your authenticator app (or a recovery code)');
        if (step === 'wrong') throw twoFactorRequired('That code is not right; enter the current one from your app, or a recovery code');
        return this.sessions.start(ctx, found.id);
      });
    } catch (error) {
      await actAs(ctx, null, null);
      if ((error as { twoFactorRequired?: boolean }).twoFactorRequired && (code === null || code === undefined || !code.trim())) {
        await this.signInLimiter.refund(email, ctx.address);
      }
      throw error;
    }
    await this.signInLimiter.succeeded(email, ctx.address);
    const { passwordHash: _hash, ...user } = found;
    return { token, user: Object.assign(new User(), user) };
  }

  /** The signed-in runner, or null when signed out (or the account is gone). */
  async me(ctx: RequestContext): Promise<User | null> {
    return ctx.viewerId ? ctx.loaders.userById.load(ctx.viewerId) : null;
  }

  async find(ctx: RequestContext, by: { id?: string | null; username?: string | null }): Promise<User | null> {
    requireViewer(ctx);
    if (by.id) return ctx.loaders.userById.load(parseId(by.id));
    if (by.username) {
      const rows = await ctx.db.query<User>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.username = $1`, [
        by.username.trim().toLowerCase(),
      ]);
      return hydrate(User, rows)[0] ?? null;
    }
    throw badInput('id', 'Give an ID or a username');
  }

  /**
   * Runners whose username or name contains the query (trigram-indexed), those starting
   * with it first, leaving out anyone who blocked the viewer. The matching is
   * maratron_search_users (row-level security on users would keep the LIKE from using the
   * trigram indexes: see migrations/src/1764821000000-blocks-row-level-security.ts); the rows
   * are then read by id, under the policies.
   */
  async search(ctx: RequestContext, query: string, first: number): Promise<User[]> {
    requireViewer(ctx);
    const q = query.trim().toLowerCase();
    if (q.length < 1 || q.length > 100) throw badInput('query', 'The search must be 1-100 characters');
    if (!Number.isInteger(first) || first < 1 || first > 50) throw badInput('first', 'Page size must be between 1 and 50');
    const pattern = q.replace(/[\\%_]/g, (c) => `\\${c}`);
    const rows = await ctx.db.query<User>(
      `SELECT ${USER_COLUMNS} FROM maratron_search_users($1, $2, $3) WITH ORDINALITY s(id, n) JOIN users u ON u.id = s.id ORDER BY s.n`,
      [pattern, q, first],
    );
    return hydrate(User, rows);
  }

  async updateProfile(ctx: RequestContext, input: unknown): Promise<User> {
    const viewerId = requireViewer(ctx);
    const changes = parseInput(profileChangesSchema, input);
    return ctx.db.transaction(async () => {
      if (changes.username) {
        const taken = await ctx.db.execute(`SELECT 1 FROM users WHERE username = $1 AND id <> $2`, [changes.username, viewerId]);
        if (taken) throw badInput('username', 'This username is already taken');
      }
      const rows = await ctx.db.query<User>(
        `UPDATE users AS u SET
            name = coalesce($2, u.name),
            bio = CASE WHEN $3::boolean THEN $4 ELSE u.bio END,
            units = coalesce($5, u.units),
            username = coalesce($6, u.username),
            default_visibility = coalesce($7, u.default_visibility),
            follow_policy = coalesce($8, u.follow_policy),
            updated_at = now()
          WHERE u.id = $1 RETURNING ${USER_COLUMNS}`,
        [
          viewerId,
          changes.name ?? null,
          changes.bio !== undefined,
          changes.bio ?? null,
          changes.units ?? null,
          changes.username ?? null,
          changes.defaultVisibility ?? null,
          changes.followPolicy ?? null,
        ],
      );
      if (!rows.length) throw notFound('User');
      // Open to anyone now: those who asked are let in (FollowsService.approveAll).
      if (changes.followPolicy === FollowPolicy.OPEN) await this.follows.approveAll(ctx);
      if (changes.trainingProfile) await this.saveTrainingProfile(ctx.db, viewerId, changes.trainingProfile);
      ctx.loaders.userById.clear(viewerId);
      ctx.loaders.trainingProfile.clear(viewerId);
      publishAfterCommit(ctx.db, this.events, 'profile.changed', { userId: viewerId });
      return hydrate(User, rows)[0];
    });
  }

  /**
   * Deletes the viewer's account once the password confirms it. Its groups with other members are
   * handed to their longest-standing member (maratron_hand_over_groups); then the one DELETE of the
   * user removes everything it owns by ON DELETE CASCADE (runs, tracks, efforts, shoes, posts,
   * comments, likes, follows both ways, memberships, invitations, notifications, import jobs, and
   * the coach's tables, which reference users the same way), all in this request's transaction.
   * A wrong password counts against the sign-in limits (a stolen token must not become a
   * password oracle) and deletes nothing. From the commit on, the account's tokens are refused
   * (RequestDb checks that the viewer exists) and its live connections are closed.
   */
  async deleteAccount(ctx: RequestContext, password: string): Promise<boolean> {
    const viewerId = requireViewer(ctx);
    const [user] = await ctx.db.query<{ email: string; passwordHash: string }>(
      `SELECT email, password_hash AS "passwordHash" FROM users WHERE id = $1`,
      [viewerId],
    );
    if (!user) throw notFound('User');
    await this.signInLimiter.reserve(user.email, ctx.address);
    if (typeof password !== 'string' || !(await verifyPassword(password, user.passwordHash))) {
      throw badInput('password', 'Wrong password; the account was not deleted');
    }
    await this.signInLimiter.succeeded(user.email, ctx.address);
    await ctx.db.transaction(async () => {
      await ctx.db.execute(`SELECT maratron_hand_over_groups()`);
      await ctx.db.execute(`SELECT maratron_forget_queued_jobs($1)`, [this.queueSchema]);
      await ctx.db.execute(`DELETE FROM users WHERE id = $1`, [viewerId]);
    });
    ctx.loaders.userById.clear(viewerId);
    publishAfterCommit(ctx.db, this.events, 'account.deleted', { userId: viewerId });
    return true;
  }

  /** Only the fields given change; an explicit null clears one (a max or resting heart rate then is estimated). */
  private async saveTrainingProfile(db: RequestDb, userId: string, p: TrainingProfileChanges) {
    const cols = {
      level: p.level,
      goals: p.goals === null ? [] : p.goals,
      weekly_distance_goal: p.weeklyDistanceGoal,
      preferred_days: p.preferredDays === null ? [] : p.preferredDays,
      years_running: p.yearsRunning,
      injury_notes: p.injuryNotes,
      max_heart_rate: p.maxHeartRate,
      resting_heart_rate: p.restingHeartRate,
      time_zone: p.timeZone,
    };
    await assertHeartRatesInOrder(db, userId, p);
    const given = Object.entries(cols).filter(([, v]) => v !== undefined);
    await db.execute(`INSERT INTO training_profiles (user_id) VALUES ($1) ON CONFLICT (user_id) DO NOTHING`, [userId]);
    if (!given.length) return;
    const sets = given.map(([col], i) => `${col} = $${i + 2}`).join(', ');
    await db.execute(`UPDATE training_profiles SET ${sets}, updated_at = now() WHERE user_id = $1`, [userId, ...given.map(([, v]) => v)]);
  }
}

/** A resting heart rate must stay below the max, whichever of the two changes (the other as stored). */
async function assertHeartRatesInOrder(db: RequestDb, userId: string, p: TrainingProfileChanges): Promise<void> {
  if (p.maxHeartRate == null && p.restingHeartRate == null) return;
  const [stored] = await db.query<{ max: number | null; rest: number | null }>(
    `SELECT max_heart_rate AS max, resting_heart_rate AS rest FROM training_profiles WHERE user_id = $1`,
    [userId],
  );
  const max = p.maxHeartRate !== undefined ? p.maxHeartRate : (stored?.max ?? null);
  const rest = p.restingHeartRate !== undefined ? p.restingHeartRate : (stored?.rest ?? null);
  if (max === null || rest === null || rest < max) return;
  throw p.restingHeartRate != null
    ? badInput('trainingProfile.restingHeartRate', 'Resting heart rate must be below the max heart rate')
    : badInput('trainingProfile.maxHeartRate', 'Max heart rate must be above the resting heart rate');
}
