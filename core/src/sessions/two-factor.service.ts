import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { badInput, forbidden, notFound } from '@maratron/domain';
import type { TwoFactorSetup } from '@maratron/schema';
import { verifyPassword } from '../auth/passwords';
import type { SignInLimiter } from '../auth/sign-in-limiter';
import { requireSession } from '../context';
import type { RequestContext } from '../context';
import type { RequestDb } from '../database/request-db';
import { TWO_FACTOR_COLUMNS } from './sessions.sql';
import type { TwoFactorCredential } from './sessions.sql';

/** RFC 6238 as every authenticator app reads it by default: SHA-1, six digits, 30-second steps. */
const TOTP_PARAMS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
/** Codes one step either side of now are accepted (clocks drift; a code typed as it changes). */
const TOTP_WINDOW = 1;
const RECOVERY_CODES = 10;
/** Letters and digits a person reads back without doubt (no 0/o, 1/l/i). */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** What a code proved: a TOTP code (its step recorded), a recovery code (used up), or nothing. */
type CodeCheck = 'totp' | 'recovery' | 'wrong';

/** The answer to "does this sign-in need a second step, and was it given?". */
export type SecondStep = 'off' | 'passed' | 'missing' | 'wrong';

/**
 * Two-step sign-in: TOTP (RFC 6238, with `otpauth`, MIT, which checks codes in constant time) and
 * ten one-time recovery codes.
 *
 * - The TOTP secret is stored encrypted (AES-256-GCM, the row's user id as associated data) under a
 *   key derived from JWT_SECRET with HKDF: a copy of the database alone — a backup, a replica, a
 *   read through some future bug — gives away no second factor, and the key lives where the token
 *   secret already does (the environment, or DATA_DIR in the embedded setup). The price: a new
 *   JWT_SECRET makes stored TOTP secrets unreadable (README says what runners do then: a recovery
 *   code still works, then they turn two-step sign-in off and on again).
 * - Recovery codes are 80 random bits each, stored as SHA-256 (no key: enough entropy that a
 *   hash can't be reversed, and they keep working whatever happens to JWT_SECRET).
 * - A TOTP step once accepted is never accepted again (`last_step`), so a code seen over a
 *   shoulder or replayed from a log is refused; wrong codes count against the sign-in limits
 *   (in signIn and disableTwoFactor), so six digits can't be brute-forced.
 */
export class TwoFactorService {
  private readonly key: Buffer;

  constructor(
    jwtSecret: string,
    private readonly signInLimiter: SignInLimiter,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', jwtSecret, 'maratron', 'totp-secret-v1', 32));
  }

  /**
   * enableTwoFactor: a new secret, pending until confirmTwoFactor proves the app has it. Asking
   * again before confirming replaces it; while two-step sign-in is on, FORBIDDEN.
   */
  async enable(ctx: RequestContext): Promise<TwoFactorSetup> {
    const { viewerId } = requireSession(ctx);
    const [user] = await ctx.db.query<{ email: string }>(`SELECT email FROM users WHERE id = $1`, [viewerId]);
    if (!user) throw notFound('User');
    const secret = new Secret({ size: 20 });
    const stored = await ctx.db.execute(
      `INSERT INTO two_factor_credentials AS c (user_id, secret) VALUES ($1, $2)
         ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, last_step = NULL, created_at = now() WHERE c.enabled_at IS NULL`,
      [viewerId, this.encrypt(viewerId, secret.base32)],
    );
    if (!stored) throw forbidden('Two-step sign-in is already on; turn it off first to set it up again');
    const totp = new TOTP({ ...TOTP_PARAMS, issuer: 'Maratron', label: user.email, secret });
    return { otpauthUri: totp.toString(), secret: secret.base32 };
  }

  /** confirmTwoFactor: a code from the app turns it on; the ten recovery codes, shown this once. */
  async confirm(ctx: RequestContext, code: string): Promise<string[]> {
    const { viewerId } = requireSession(ctx);
    return ctx.db.transaction(async () => {
      const credential = await this.credential(ctx.db, viewerId, true);
      if (!credential) throw badInput('code', 'Set up two-step sign-in first (enableTwoFactor)');
      if (credential.enabledAt) throw forbidden('Two-step sign-in is already on');
      if ((await this.check(ctx.db, credential, code, false)) !== 'totp')
        throw badInput('code', 'That code is not right; try the current one');
      await ctx.db.execute(`UPDATE two_factor_credentials SET enabled_at = now() WHERE user_id = $1`, [viewerId]);
      const codes = Array.from({ length: RECOVERY_CODES }, recoveryCode);
      await ctx.db.execute(`DELETE FROM two_factor_recovery_codes WHERE user_id = $1`, [viewerId]);
      await ctx.db.execute(`INSERT INTO two_factor_recovery_codes (user_id, code_hash) SELECT $1, h FROM unnest($2::bytea[]) h`, [
        viewerId,
        codes.map(hashRecoveryCode),
      ]);
      return codes;
    });
  }

  /**
   * disableTwoFactor: the password and a code (TOTP or recovery) confirm it. A wrong one of either
   * counts against the sign-in limits and changes nothing.
   */
  async disable(ctx: RequestContext, password: string, code: string): Promise<boolean> {
    const { viewerId } = requireSession(ctx);
    const [user] = await ctx.db.query<{ email: string; passwordHash: string }>(
      `SELECT email, password_hash AS "passwordHash" FROM users WHERE id = $1`,
      [viewerId],
    );
    if (!user) throw notFound('User');
    await this.signInLimiter.reserve(user.email, ctx.address);
    if (typeof password !== 'string' || !(await verifyPassword(password, user.passwordHash))) {
      throw badInput('password', 'Wrong password; two-step sign-in stays on');
    }
    await ctx.db.transaction(async () => {
      const credential = await this.credential(ctx.db, viewerId, true);
      if (!credential?.enabledAt) throw forbidden('Two-step sign-in is not on');
      if ((await this.check(ctx.db, credential, code, true)) === 'wrong') throw badInput('code', 'That code is not right');
      await ctx.db.execute(`DELETE FROM two_factor_recovery_codes WHERE user_id = $1`, [viewerId]);
      await ctx.db.execute(`DELETE FROM two_factor_credentials WHERE user_id = $1`, [viewerId]);
    });
    await this.signInLimiter.succeeded(user.email, ctx.address);
    return true;
  }

  /**
   * signIn's second step, once the password has proved who `userId` is and the request reads as
   * them: 'off' when they have none; 'passed' when `code` is a current TOTP code (its step then
   * used) or an unused recovery code (then used up); 'missing' or 'wrong' otherwise. Call it inside
   * a savepoint: a wrong code writes nothing.
   */
  async secondStep(ctx: RequestContext, userId: string, code: string | null | undefined): Promise<SecondStep> {
    const credential = await this.credential(ctx.db, userId, true);
    if (!credential?.enabledAt) return 'off';
    if (code === null || code === undefined || !code.trim()) return 'missing';
    return (await this.check(ctx.db, credential, code, true)) === 'wrong' ? 'wrong' : 'passed';
  }

  private async credential(db: RequestDb, userId: string, lock: boolean): Promise<TwoFactorCredential | null> {
    const rows = await db.query<TwoFactorCredential>(
      `SELECT ${TWO_FACTOR_COLUMNS} FROM two_factor_credentials c WHERE c.user_id = $1${lock ? ' FOR UPDATE' : ''}`,
      [userId],
    );
    return rows[0] ?? null;
  }

  /** Whether `code` is a TOTP code not used before or (when `recovery`) an unused recovery code; uses it up. */
  private async check(db: RequestDb, credential: TwoFactorCredential, code: string, recovery: boolean): Promise<CodeCheck> {
    if (typeof code !== 'string' || code.length > 100) return 'wrong';
    const normalized = code.replace(/[\s-]/g, '').toLowerCase();
    if (/^\d{6}$/.test(normalized)) {
      const secret = this.decrypt(credential.userId, credential.secret);
      if (!secret) return 'wrong';
      const totp = new TOTP({ ...TOTP_PARAMS, secret: Secret.fromBase32(secret) });
      const timestamp = Date.now();
      const delta = totp.validate({ token: normalized, timestamp, window: TOTP_WINDOW });
      if (delta === null) return 'wrong';
      const step = totp.counter({ timestamp }) + delta;
      // Only a step later than the last one accepted: a replayed code (or a racing second use) changes no row.
      const used = await db.execute(
        `UPDATE two_factor_credentials SET last_step = $2 WHERE user_id = $1 AND (last_step IS NULL OR last_step < $2)`,
        [credential.userId, step],
      );
      return used ? 'totp' : 'wrong';
    }
    if (!recovery) return 'wrong';
    const used = await db.execute(
      `UPDATE two_factor_recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL`,
      [credential.userId, hashRecoveryCode(normalized)],
    );
    return used ? 'recovery' : 'wrong';
  }

  private encrypt(userId: string, secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(userId));
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  /** The secret, or null when it can't be read (stored under another JWT_SECRET, or altered). */
  private decrypt(userId: string, stored: string): string | null {
    try {
      if (!stored.startsWith('v1:')) return null;
      const raw = Buffer.from(stored.slice(3), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(userId));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}

/** `xxxx-xxxx-xxxx-xxxx`: 16 characters of a 31-letter alphabet, about 79 bits. */
function recoveryCode(): string {
  const chars = Array.from({ length: 16 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** The stored form of a recovery code: SHA-256 of it without dashes, spaces or capitals. */
function hashRecoveryCode(code: string): Buffer {
  return createHash('sha256').update(code.replace(/[\s-]/g, '').toLowerCase()).digest();
}
