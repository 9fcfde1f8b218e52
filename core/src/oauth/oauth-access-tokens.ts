import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { TokenScope } from '@maratron/domain';

/**
 * Every OAuth secret starts with a prefix naming its kind, so each is recognisable (secret
 * scanners, logs) and never mistaken for another kind.
 */
export const OAUTH_ACCESS_TOKEN_PREFIX = 'mrt_oat_';
export const OAUTH_REFRESH_TOKEN_PREFIX = 'mrt_ort_';
export const OAUTH_CODE_PREFIX = 'mrt_oac_';

/** A new secret with `prefix`: 32 random bytes, base64url. */
export const newOAuthSecret = (prefix: string): string => prefix + randomBytes(32).toString('base64url');

/** What is stored of a secret: its SHA-256, only ever compared. */
export const oauthSecretHash = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest();

/** Resource identifiers compared as RFC 8707 URIs: without a fragment and one trailing slash. */
export function sameResource(a: string, b: string): boolean {
  const plain = (value: string) => value.replace(/#.*$/, '').replace(/\/$/, '');
  return plain(a) === plain(b);
}

/** An OAuth access token's credential (the shape of access-tokens.service.ts's Credential). */
export interface OAuthCredential {
  userId: string;
  sessionId: null;
  accessTokenId: string;
  scopes: TokenScope[];
  expiresAt: Date;
  oauth: { resource: string; clientId: string };
}

/** Access tokens remembered by hash (what a token stands for never changes). */
const KNOWN_MAX = 10_000;

/**
 * OAuth access tokens (`mrt_oat_…`) looked up by hash once per process
 * (maratron_oauth_access_token), then remembered: whether one still stands (not revoked) is checked
 * in every request's opening round trip (RequestDb), as for personal access tokens.
 */
export class OAuthAccessTokens {
  private readonly known = new Map<string, OAuthCredential>();

  constructor(private readonly dataSource: DataSource) {}

  /** The token's credential, or null when it is unknown, revoked (as far as this process knows) or expired. */
  async authenticate(token: string): Promise<OAuthCredential | null> {
    const hash = oauthSecretHash(token);
    const key = hash.toString('base64');
    let known = this.known.get(key);
    if (!known) {
      const rows = await this.dataSource.query<
        { id: string; user_id: string; client_id: string; scopes: string[]; resource: string; expires_at: Date }[]
      >(`SELECT id, user_id, client_id, scopes, resource, expires_at FROM maratron_oauth_access_token($1)`, [hash]);
      if (!rows.length) return null;
      const [row] = rows;
      const scopes = row.scopes.filter((s): s is TokenScope => (Object.values(TokenScope) as string[]).includes(s));
      known = {
        userId: row.user_id,
        sessionId: null,
        accessTokenId: row.id,
        scopes,
        expiresAt: row.expires_at,
        oauth: { resource: row.resource, clientId: row.client_id },
      };
      if (this.known.size >= KNOWN_MAX) this.known.clear();
      this.known.set(key, known);
    }
    if (known.expiresAt.getTime() <= Date.now()) {
      this.known.delete(key);
      return null;
    }
    return known;
  }
}
