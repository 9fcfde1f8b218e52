import type { Response } from 'express';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuthorizationParams, OAuthServerProvider } from '@modelcontextprotocol/sdk/server/auth/provider.js';
import type { OAuthRegisteredClientsStore } from '@modelcontextprotocol/sdk/server/auth/clients.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import {
  InvalidClientMetadataError,
  InvalidGrantError,
  InvalidScopeError,
  InvalidTargetError,
  InvalidTokenError,
} from '@modelcontextprotocol/sdk/server/auth/errors.js';
import type { OAuthClientInformationFull, OAuthTokenRevocationRequest, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import { TokenScope } from '@maratron/domain';
import {
  OAUTH_ACCESS_TOKEN_PREFIX,
  OAUTH_REFRESH_TOKEN_PREFIX,
  OAuthAccessTokens,
  newOAuthSecret,
  oauthSecretHash,
  sameResource,
} from '@maratron/core';
import type { EventBus, OAuthConfig } from '@maratron/core';

/** How long a consent request waits for the runner, and an authorization code for its exchange (seconds). */
export const OAUTH_REQUEST_TTL_SECONDS = 600;
export const OAUTH_CODE_TTL_SECONDS = 600;

const SCOPES = Object.values(TokenScope) as string[];

/** The name an app is shown under: what it registered as, or the host it redirects to. */
function clientName(client: Pick<OAuthClientInformationFull, 'client_name' | 'redirect_uris'>): string {
  const name = client.client_name?.trim() || URL.parse(client.redirect_uris[0] ?? '')?.host || 'Unnamed app';
  return name.slice(0, 100);
}

/** Redirect URIs OAuth 2.1 accepts: https, http to a loopback address (native apps), or an app's own scheme. */
function redirectUriAllowed(uri: string): boolean {
  const url = URL.parse(uri);
  if (!url || url.hash) return false;
  if (url.protocol === 'https:') return true;
  if (url.protocol === 'http:') return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  // Private-use schemes (cursor://…) of native apps, never ones a browser would run.
  return !['javascript:', 'data:', 'file:', 'blob:', 'vbscript:'].includes(url.protocol);
}

interface TokenRow {
  id: string;
  grant_id: string;
  user_id: string;
  kind: 'code' | 'access' | 'refresh';
  code_challenge: string | null;
  redirect_uri: string | null;
  expires_at: Date;
  used_at: Date | null;
  scopes: string[];
  resource: string;
}

/**
 * The gateway's OAuth 2.1 authorization server, behind the MCP SDK's handlers (mcpAuthRouter:
 * metadata, registration, authorize, token, revoke — the protocol is theirs): this is only its
 * storage in PostgreSQL, as the table owner (nobody is signed in at these endpoints; the tokens'
 * owners are checked through the grants they belong to). Every secret is stored as its SHA-256.
 *
 * - Clients register dynamically and are all public: PKCE (S256, checked by the SDK) protects the
 *   code, so no client secret is kept.
 * - `authorize` stores the request and sends the browser to the web client's consent page; the
 *   runner's answer comes back through consent.routes.ts, which creates the grant and its code.
 * - A code is used once; a refresh token too (each use returns a new one). Presenting a used one
 *   again is taken as theft: the whole grant ends.
 */
export class MaratronOAuthProvider implements OAuthServerProvider {
  private readonly accessTokens: OAuthAccessTokens;

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventBus,
    private readonly config: OAuthConfig,
  ) {
    this.accessTokens = new OAuthAccessTokens(dataSource);
  }

  readonly clientsStore: OAuthRegisteredClientsStore = {
    getClient: async (clientId) => {
      const rows = await this.dataSource.query<{ metadata: OAuthClientInformationFull }[]>(
        `SELECT metadata FROM oauth_clients WHERE client_id = $1`,
        [clientId],
      );
      return rows[0]?.metadata;
    },
    registerClient: async (registered) => {
      const { client_secret: _secret, client_secret_expires_at: _expires, ...rest } = registered as OAuthClientInformationFull;
      const client: OAuthClientInformationFull = { ...rest, token_endpoint_auth_method: 'none' };
      const refused = client.redirect_uris.find((uri) => !redirectUriAllowed(uri));
      if (refused) throw new InvalidClientMetadataError(`redirect_uri not allowed: ${refused} (https, loopback http, or an app scheme)`);
      if (client.scope && client.scope.split(' ').some((s) => !SCOPES.includes(s))) {
        throw new InvalidClientMetadataError(`unknown scope; the scopes are ${SCOPES.join(' ')}`);
      }
      await this.dataSource.query(`INSERT INTO oauth_clients (client_id, name, metadata) VALUES ($1, $2, $3)`, [
        client.client_id,
        clientName(client),
        client,
      ]);
      return client;
    },
  };

  /** The resource a request names (RFC 8707), one of the two this server issues tokens for; the API without one. */
  private resourceOf(resource: URL | undefined): string {
    if (!resource) return this.config.apiResourceUrl;
    for (const known of [this.config.mcpResourceUrl, this.config.apiResourceUrl]) if (sameResource(resource.href, known)) return known;
    throw new InvalidTargetError(`Unknown resource; tokens are issued for ${this.config.mcpResourceUrl} and ${this.config.apiResourceUrl}`);
  }

  async authorize(client: OAuthClientInformationFull, params: AuthorizationParams, res: Response): Promise<void> {
    const unknown = (params.scopes ?? []).filter((s) => !SCOPES.includes(s));
    if (unknown.length) throw new InvalidScopeError(`Unknown scope ${unknown.join(' ')}; the scopes are ${SCOPES.join(' ')}`);
    // No scope asked for: everything the client registered for, or every scope — the runner sees them all before approving.
    const asked = params.scopes?.length ? params.scopes : (client.scope?.split(' ') ?? SCOPES);
    const scopes = SCOPES.filter((s) => asked.includes(s));
    const resource = this.resourceOf(params.resource);
    const [{ id }] = await this.dataSource.query<{ id: string }[]>(
      `WITH expired AS (DELETE FROM oauth_authorization_requests WHERE expires_at < now())
       INSERT INTO oauth_authorization_requests (client_id, scopes, redirect_uri, code_challenge, state, resource, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7)) RETURNING id`,
      [client.client_id, scopes, params.redirectUri, params.codeChallenge, params.state ?? null, resource, OAUTH_REQUEST_TTL_SECONDS],
    );
    const consent = new URL('/oauth/consent', this.config.issuerUrl);
    consent.searchParams.set('request', id);
    res.redirect(302, consent.href);
  }

  /** A token of `client`'s by its secret (any kind), locked for the caller's transaction. */
  private async find(
    m: EntityManager,
    client: OAuthClientInformationFull,
    secret: string,
    kind?: TokenRow['kind'],
  ): Promise<TokenRow | null> {
    const rows = await m.query<TokenRow[]>(
      `SELECT t.id, t.grant_id, t.user_id, t.kind, t.code_challenge, t.redirect_uri, t.expires_at, t.used_at, coalesce(t.scopes, g.scopes) AS scopes, g.resource
         FROM oauth_tokens t JOIN oauth_grants g ON g.id = t.grant_id
        WHERE t.token_hash = $1 AND g.client_id = $2 AND ($3::text IS NULL OR t.kind = $3) FOR UPDATE OF t`,
      [oauthSecretHash(secret), client.client_id, kind ?? null],
    );
    return rows[0] ?? null;
  }

  async challengeForAuthorizationCode(client: OAuthClientInformationFull, code: string): Promise<string> {
    const row = await this.dataSource.transaction((m) => this.find(m, client, code, 'code'));
    if (!row?.code_challenge) throw new InvalidGrantError('Unknown authorization code');
    return row.code_challenge;
  }

  async exchangeAuthorizationCode(
    client: OAuthClientInformationFull,
    code: string,
    _codeVerifier?: string,
    redirectUri?: string,
    resource?: URL,
  ): Promise<OAuthTokens> {
    return this.use(client, code, 'code', async (m, row) => {
      if (redirectUri !== undefined && redirectUri !== row.redirect_uri) throw new InvalidGrantError('redirect_uri does not match');
      if (resource && !sameResource(resource.href, row.resource)) throw new InvalidTargetError('The code was issued for another resource');
      return this.issue(m, row, row.scopes);
    });
  }

  async exchangeRefreshToken(
    client: OAuthClientInformationFull,
    refreshToken: string,
    scopes?: string[],
    resource?: URL,
  ): Promise<OAuthTokens> {
    return this.use(client, refreshToken, 'refresh', async (m, row) => {
      if (scopes?.some((s) => !row.scopes.includes(s))) throw new InvalidScopeError('A refresh may only narrow the scopes granted');
      if (resource && !sameResource(resource.href, row.resource)) throw new InvalidTargetError('The token was issued for another resource');
      return this.issue(m, row, scopes?.length ? row.scopes.filter((s) => scopes.includes(s)) : row.scopes);
    });
  }

  /**
   * Uses a one-time secret (a code, a refresh token) of `client`'s in a transaction: unknown or
   * expired is invalid_grant; used before, the grant ends (RFC 9700 §4.14: a replayed refresh
   * token or code means it leaked) and the answer is invalid_grant too.
   */
  private async use(
    client: OAuthClientInformationFull,
    secret: string,
    kind: 'code' | 'refresh',
    work: (m: EntityManager, row: TokenRow) => Promise<OAuthTokens>,
  ): Promise<OAuthTokens> {
    const what = kind === 'code' ? 'authorization code' : 'refresh token';
    let replayed: { userId: string; accessTokenIds: string[] } | null = null;
    try {
      return await this.dataSource
        .transaction(async (m) => {
          const row = await this.find(m, client, secret, kind);
          if (!row || row.expires_at.getTime() <= Date.now()) throw new InvalidGrantError(`Unknown or expired ${what}`);
          if (row.used_at) {
            replayed = { userId: row.user_id, accessTokenIds: await this.endGrant(m, row.grant_id) };
            return null;
          }
          await m.query(`UPDATE oauth_tokens SET used_at = now() WHERE id = $1`, [row.id]);
          return work(m, row);
        })
        .then((tokens) => {
          if (!tokens) throw new InvalidGrantError(`This ${what} was already used: the authorization is revoked`);
          return tokens;
        });
    } finally {
      if (replayed) this.events.publish('access-token.revoked', replayed);
    }
  }

  /**
   * A new access token and refresh token under the grant of `row`. The grant's expired rows go
   * then (used refresh tokens stay until they expire, to recognise a replay), so a grant used for
   * months keeps only a few.
   */
  private async issue(m: EntityManager, row: TokenRow, scopes: string[]): Promise<OAuthTokens> {
    const access = newOAuthSecret(OAUTH_ACCESS_TOKEN_PREFIX);
    const refresh = newOAuthSecret(OAUTH_REFRESH_TOKEN_PREFIX);
    await m.query(`DELETE FROM oauth_tokens WHERE grant_id = $1 AND expires_at < now()`, [row.grant_id]);
    await m.query(
      `INSERT INTO oauth_tokens (grant_id, user_id, kind, token_hash, scopes, expires_at) VALUES
         ($1, $2, 'access', $3, $4, now() + make_interval(secs => $5)),
         ($1, $2, 'refresh', $6, $4, now() + make_interval(secs => $7))`,
      [
        row.grant_id,
        row.user_id,
        oauthSecretHash(access),
        scopes,
        this.config.accessTokenTtlSeconds,
        oauthSecretHash(refresh),
        this.config.refreshTokenTtlSeconds,
      ],
    );
    return {
      access_token: access,
      token_type: 'Bearer',
      expires_in: this.config.accessTokenTtlSeconds,
      refresh_token: refresh,
      scope: scopes.join(' '),
    };
  }

  /** Deletes a grant with all its codes and tokens; the ids of its access tokens (their sockets close). */
  private async endGrant(m: EntityManager, grantId: string): Promise<string[]> {
    const tokens = await m.query<{ id: string }[]>(`SELECT id FROM oauth_tokens WHERE grant_id = $1 AND kind = 'access'`, [grantId]);
    await m.query(`DELETE FROM oauth_grants WHERE id = $1`, [grantId]);
    return tokens.map((t) => t.id);
  }

  async verifyAccessToken(token: string): Promise<AuthInfo> {
    const credential = token.startsWith(OAUTH_ACCESS_TOKEN_PREFIX) ? await this.accessTokens.authenticate(token) : null;
    if (!credential) throw new InvalidTokenError('Invalid or expired access token');
    return {
      token,
      clientId: credential.oauth.clientId,
      scopes: credential.scopes,
      expiresAt: Math.floor(credential.expiresAt.getTime() / 1000),
      resource: new URL(credential.oauth.resource),
    };
  }

  /**
   * RFC 7009: an access token ends alone; a refresh token ends its whole grant (every token
   * issued under it). An unknown token, or another client's, is no error.
   */
  async revokeToken(client: OAuthClientInformationFull, request: OAuthTokenRevocationRequest): Promise<void> {
    const ended = await this.dataSource.transaction(async (m) => {
      const row = await this.find(m, client, request.token);
      if (!row) return null;
      if (row.kind === 'access') {
        await m.query(`DELETE FROM oauth_tokens WHERE id = $1`, [row.id]);
        return { userId: row.user_id, accessTokenIds: [row.id] };
      }
      return { userId: row.user_id, accessTokenIds: await this.endGrant(m, row.grant_id) };
    });
    if (ended) this.events.publish('access-token.revoked', ended);
  }
}
