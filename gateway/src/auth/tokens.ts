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

  constructor(secret: string, private readonly ttlSeconds: number) {
    this.secret = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  issue(userId: string): string {
    return jwt.sign({}, this.secret, { algorithm: 'HS256', subject: userId, expiresIn: this.ttlSeconds });
  }

  /** The user id, or null when the token is malformed, forged or expired. */
  verify(token: string): string | null {
    try {
      const payload = jwt.verify(token, this.secret, { algorithms: ['HS256'] });
      return typeof payload === 'object' && typeof payload.sub === 'string' ? payload.sub : null;
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
