import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Webhook signing secrets at rest: AES-256-GCM under a key derived from JWT_SECRET with HKDF (as
 * the TOTP secrets are, sessions/two-factor.service.ts), the webhook's id as associated data. A
 * secret must be readable to sign with it, so it can't be stored as a hash; encrypted, a copy of
 * the database alone gives no one the means to forge deliveries. A new JWT_SECRET makes stored
 * secrets unreadable: their deliveries fail (and the webhook goes inactive) until it is created again.
 */
export class WebhookSecrets {
  private readonly key: Buffer;

  constructor(jwtSecret: string) {
    this.key = Buffer.from(hkdfSync('sha256', jwtSecret, 'maratron', 'webhook-secret-v1', 32));
  }

  /** A new secret (256 random bits), as shown to the runner once. */
  generate(): string {
    return `whsec_${randomBytes(32).toString('base64url')}`;
  }

  encrypt(webhookId: string, secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(webhookId));
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  /** The secret, or null when it can't be read (stored under another JWT_SECRET, or altered). */
  decrypt(webhookId: string, stored: string): string | null {
    try {
      if (!stored.startsWith('v1:')) return null;
      const raw = Buffer.from(stored.slice(3), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(webhookId));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}
