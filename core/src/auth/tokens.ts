import { createSecretKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';

/** Bearer tokens: HS256 JWTs whose subject is the user id, with an expiry. */
export class TokenService {
  /**
   * A KeyObject made once: given a string, jsonwebtoken builds a key on every call (first
   * trying it as a public key), which was an eighth of the gateway's CPU under load.
   */
  private readonly secret: KeyObject;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    this.secret = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  issue(userId: string): string {
    return jwt.sign({}, this.secret, { algorithm: 'HS256', subject: userId, expiresIn: this.ttlSeconds });
  }

  /** The user id, or null when the token is malformed, forged or expired. */
  verify(token: string): string | null {
    return this.verifySession(token)?.userId ?? null;
  }

  /** The user id and when the token expires (a WebSocket closes then), or null as `verify`. */
  verifySession(token: string): { userId: string; expiresAt: Date } | null {
    try {
      const payload = jwt.verify(token, this.secret, { algorithms: ['HS256'] });
      if (typeof payload !== 'object' || typeof payload.sub !== 'string' || typeof payload.exp !== 'number') return null;
      return { userId: payload.sub, expiresAt: new Date(payload.exp * 1000) };
    } catch {
      return null;
    }
  }

  /** `Authorization: Bearer <token>` → the token, or null without one. */
  static fromHeader(header: string | undefined): string | null {
    if (!header) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    return match ? match[1] : null;
  }
}
