import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { badInput, notFound, parseId, parseInput, personalAccessTokenSchema } from '@maratron/domain';
import { TokenScope } from '@maratron/domain';
import { NewPersonalAccessToken, PersonalAccessToken } from '@maratron/schema';
import { TokenService } from '../auth/tokens';
import { requireSession } from '../context';
import type { RequestContext } from '../context';
import { SESSION_TOUCH_SECONDS } from '../database/request-db';
import { hydrate } from '../database/rows';
import { publishAfterCommit } from '../events';
import type { EventBus } from '../events';
import { ACCESS_TOKEN_COLUMNS } from './access-tokens.sql';
import { OAUTH_ACCESS_TOKEN_PREFIX, OAuthAccessTokens, sameResource } from '../oauth/oauth-access-tokens';

/** Every personal access token starts with this, so it is recognisable (secret scanners, logs). */
export const ACCESS_TOKEN_PREFIX = 'mrt_pat_';
/** Random bytes in a token's secret (base64url after the prefix). */
const SECRET_BYTES = 32;

const hashOf = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

/**
 * Personal access tokens: a runner creates one with a name, scopes and an optional expiry (from a
 * signed-in session only); its secret is shown once and stored as its SHA-256. A request with one
 * acts as its owner within its scopes (see Authenticator); revoking it deletes the row, which the
 * request's opening round trip checks, so it is refused at once, and its live connections close
 * (`access-token.revoked`).
 */
export class AccessTokensService {
  constructor(
    private readonly events: EventBus,
    /** PERSONAL_ACCESS_TOKENS_MAX: how many one runner may keep. */
    private readonly max: number,
  ) {}

  async create(
    ctx: RequestContext,
    input: { name: string; scopes: TokenScope[]; expiresInDays?: number | null },
  ): Promise<NewPersonalAccessToken> {
    const { viewerId } = requireSession(ctx);
    const { name, scopes, expiresInDays } = parseInput(personalAccessTokenSchema, input, 'input');
    // One at a time per runner, so the cap holds under concurrent creates.
    await ctx.db.query(`SELECT id FROM users WHERE id = $1 FOR UPDATE`, [viewerId]);
    const [{ n }] = await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM personal_access_tokens WHERE user_id = $1`, [
      viewerId,
    ]);
    if (n >= this.max) throw badInput('name', `You can keep at most ${this.max} access tokens; revoke one first`);
    const token = ACCESS_TOKEN_PREFIX + randomBytes(SECRET_BYTES).toString('base64url');
    const [row] = await ctx.db.query<PersonalAccessToken>(
      `INSERT INTO personal_access_tokens AS t (user_id, name, scopes, token_hash, expires_at)
       VALUES ($1, $2, $3, $4, CASE WHEN $5::int IS NULL THEN NULL ELSE now() + make_interval(days => $5::int) END)
       RETURNING ${ACCESS_TOKEN_COLUMNS}`,
      [viewerId, name, scopes, hashOf(token), expiresInDays],
    );
    return Object.assign(new NewPersonalAccessToken(), { token, accessToken: Object.assign(new PersonalAccessToken(), row) });
  }

  /** The viewer's tokens (expired ones too, until revoked), newest first. */
  async list(ctx: RequestContext): Promise<PersonalAccessToken[]> {
    const { viewerId } = requireSession(ctx);
    const rows = await ctx.db.query<PersonalAccessToken>(
      `SELECT ${ACCESS_TOKEN_COLUMNS} FROM personal_access_tokens t WHERE t.user_id = $1 ORDER BY t.created_at DESC, t.id DESC`,
      [viewerId],
    );
    return hydrate(PersonalAccessToken, rows);
  }

  /** Deletes one of the viewer's tokens; anyone else's id is NOT_FOUND. Once that commits, its sockets close. */
  async revoke(ctx: RequestContext, idInput: string): Promise<string> {
    const { viewerId } = requireSession(ctx);
    const id = parseId(idInput);
    const rows = await ctx.db.query<{ id: string }>(`DELETE FROM personal_access_tokens WHERE id = $1 AND user_id = $2 RETURNING id`, [
      id,
      viewerId,
    ]);
    if (!rows.length) throw notFound('Access token');
    publishAfterCommit(ctx.db, this.events, 'access-token.revoked', { userId: viewerId, accessTokenIds: [id] });
    return id;
  }
}

/** Who a bearer token speaks for and what it may do. */
export interface Credential {
  userId: string;
  /** The session of a signed-in token (JWT); null for an access token. */
  sessionId: string | null;
  /** The personal access token; null for a session's token. */
  accessTokenId: string | null;
  /** The access token's scopes; null for a session (every scope). */
  scopes: readonly TokenScope[] | null;
  /** When it stops working (null: an access token without expiry). */
  expiresAt: Date | null;
  /**
   * For an OAuth access token (core/src/oauth): the resource it was issued for (RFC 8707) and the
   * app it was issued to. Absent for sessions and personal access tokens, which work everywhere.
   */
  oauth?: { resource: string; clientId: string };
}

/** The scope names a signed token carries that this server knows (an unknown one grants nothing). */
const knownScopes = (names: readonly string[]): TokenScope[] =>
  names.filter((s): s is TokenScope => (Object.values(TokenScope) as string[]).includes(s));

interface KnownToken {
  id: string;
  userId: string;
  scopes: TokenScope[];
  expiresAt: Date | null;
}

/** Access tokens remembered by hash (id, owner, scopes and expiry never change). */
const KNOWN_TOKENS_MAX = 10_000;

/**
 * Bearer tokens of both kinds. A session's JWT is verified by signature; an access token
 * (`mrt_pat_…`) is looked up by its hash — once per process (maratron_personal_access_token), its
 * id, owner, scopes and expiry then remembered, as they never change. Whether the session or the
 * access token still exists is checked in every request's opening round trip (RequestDb), so
 * revoking either refuses it at once without another round trip per request.
 */
export class Authenticator {
  private readonly known = new Map<string, KnownToken>();

  private readonly oauthTokens: OAuthAccessTokens;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    /**
     * The resource this process serves (RFC 8707): an OAuth access token issued for another one
     * is no token here. Null: OAuth access tokens are refused altogether.
     */
    private readonly resource: string | null = null,
  ) {
    this.oauthTokens = new OAuthAccessTokens(dataSource);
  }

  /** `Authorization: Bearer <token>` → its credential; null without a header or for an invalid one (see `authenticate`). */
  fromHeader(header: string | undefined): Promise<Credential | null> {
    const token = TokenService.fromHeader(header);
    return token ? this.authenticate(token) : Promise.resolve(null);
  }

  /** A download link's token (TokenService.issueDownload) for `path`: the credential it carries, or null. */
  fromDownloadLink(token: string, path: string): Credential | null {
    const link = this.tokens.verifyDownload(token, path);
    if (!link) return null;
    return { ...link, scopes: link.scopes && knownScopes(link.scopes) };
  }

  /** A credential's link for one download of `path`, good for `ttlSeconds`. */
  downloadLink(credential: Credential, path: string, ttlSeconds: number): string {
    return this.tokens.issueDownload(credential, path, ttlSeconds);
  }

  /** The token's credential, or null when it is malformed, forged, expired or unknown. */
  async authenticate(token: string): Promise<Credential | null> {
    if (token.startsWith(OAUTH_ACCESS_TOKEN_PREFIX)) {
      const credential = await this.oauthTokens.authenticate(token);
      return credential && this.resource !== null && sameResource(credential.oauth.resource, this.resource) ? credential : null;
    }
    if (!token.startsWith(ACCESS_TOKEN_PREFIX)) {
      const claims = this.tokens.verifySession(token);
      if (claims) return { ...claims, accessTokenId: null, scopes: null };
      // The coach's short-lived token for the tools, acting for an access token (TokenService.issueDelegated).
      const delegated = this.tokens.verifyDelegated(token);
      if (!delegated) return null;
      return { ...delegated, sessionId: null, scopes: knownScopes(delegated.scopes) };
    }
    const hash = hashOf(token);
    const key = hash.toString('base64');
    let known = this.known.get(key);
    if (!known) {
      const rows = await this.dataSource.query<{ id: string; user_id: string; scopes: TokenScope[]; expires_at: Date | null }[]>(
        `SELECT id, user_id, scopes, expires_at FROM maratron_personal_access_token($1)`,
        [hash],
      );
      if (!rows.length) return null;
      known = { id: rows[0].id, userId: rows[0].user_id, scopes: rows[0].scopes, expiresAt: rows[0].expires_at };
      if (this.known.size >= KNOWN_TOKENS_MAX) this.known.clear();
      this.known.set(key, known);
    }
    if (known.expiresAt && known.expiresAt.getTime() <= Date.now()) {
      this.known.delete(key);
      return null;
    }
    return { userId: known.userId, sessionId: null, accessTokenId: known.id, scopes: known.scopes, expiresAt: known.expiresAt };
  }
}

/**
 * Whether `userId`'s access token `accessTokenId` (personal or OAuth) still stands (not revoked, not expired), outside
 * any request (a WebSocket's connection_init), as the server: marks it used as RequestDb does, at
 * most once a minute.
 */
export async function isAccessTokenLive(dataSource: DataSource, userId: string, accessTokenId: string): Promise<boolean> {
  const rows = await dataSource.query<{ live: boolean }[]>(
    `WITH touched AS (UPDATE personal_access_tokens SET last_used_at = now() WHERE id IN (SELECT id FROM personal_access_tokens
        WHERE id = $1 AND user_id = $2 AND (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $3)) FOR UPDATE SKIP LOCKED) RETURNING 1)
     SELECT EXISTS (SELECT 1 FROM personal_access_tokens WHERE id = $1 AND user_id = $2 AND (expires_at IS NULL OR expires_at > now()))
         OR EXISTS (SELECT 1 FROM oauth_tokens WHERE id = $1 AND user_id = $2 AND kind = 'access' AND expires_at > now()) AS live`,
    [accessTokenId, userId, SESSION_TOUCH_SECONDS],
  );
  return rows[0].live;
}
