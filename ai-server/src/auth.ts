import type { Express, Request, RequestHandler } from 'express';
import type { DataSource } from 'typeorm';
import { metadataHandler } from '@modelcontextprotocol/sdk/server/auth/handlers/metadata.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import { getOAuthProtectedResourceMetadataUrl } from '@modelcontextprotocol/sdk/server/auth/router.js';
import { InvalidTokenError, ServerError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { TokenScope } from '@maratron/domain';
import { Authenticator, TokenService, isAccessTokenLive } from '@maratron/core';
import type { Credential, Logger, OAuthConfig } from '@maratron/core';

/**
 * The MCP server as an OAuth protected resource (RFC 9728), with the gateway as its authorization
 * server (gateway/src/oauth):
 *
 * - /.well-known/oauth-protected-resource, and the form suffixed with the MCP path
 *   (/.well-known/oauth-protected-resource/mcp), name the resource (MCP_PUBLIC_URL), the
 *   authorization server (PUBLIC_URL) and the scopes;
 * - /mcp wants `Authorization: Bearer`: a session's token, a personal access token, or an OAuth
 *   access token issued for this resource (one issued for the gateway's API is no token here);
 *   without a valid one it answers 401 with `WWW-Authenticate: Bearer error="invalid_token",
 *   resource_metadata="…"`, which is how an MCP client finds where to sign in. An OAuth token is
 *   checked against the database on each request (one query), so a revoked one gets that 401.
 *
 * The metadata handler and the bearer middleware are the MCP SDK's; only the token check is ours.
 */
export function protectMcp(
  app: Express,
  deps: { dataSource: DataSource; jwtSecret: string; jwtTtlSeconds: number; oauth: OAuthConfig; logger: Logger },
): RequestHandler {
  const resource = new URL(deps.oauth.mcpResourceUrl);
  const metadata = metadataHandler({
    resource: resource.href,
    authorization_servers: [new URL(deps.oauth.issuerUrl).href],
    scopes_supported: Object.values(TokenScope),
    bearer_methods_supported: ['header'],
    resource_name: 'Maratron MCP server',
  });
  const suffixed = new URL(getOAuthProtectedResourceMetadataUrl(resource)).pathname;
  app.use('/.well-known/oauth-protected-resource', metadata);
  if (suffixed !== '/.well-known/oauth-protected-resource') app.use(suffixed, metadata);

  const authenticator = new Authenticator(deps.dataSource, new TokenService(deps.jwtSecret, deps.jwtTtlSeconds), resource.href);
  return requireBearerAuth({
    resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(resource),
    verifier: {
      async verifyAccessToken(token: string): Promise<AuthInfo> {
        let credential: Credential | null;
        try {
          credential = await authenticator.authenticate(token);
          // An OAuth token revoked since (RFC 7009, revokeAuthorizedApp, a replayed refresh token)
          // answers 401 here, not only a tool error later: that 401 is what makes an MCP client
          // refresh or sign in again.
          if (credential?.oauth && !(await isAccessTokenLive(deps.dataSource, credential.userId, credential.accessTokenId!)))
            credential = null;
        } catch (err) {
          deps.logger.error({ err }, 'MCP authentication failed');
          throw new ServerError('Authentication is unavailable; try again later');
        }
        if (!credential) throw new InvalidTokenError('Invalid, expired or revoked token, or one issued for another resource');
        return {
          token,
          clientId: credential.oauth?.clientId ?? 'maratron',
          // A session may do everything; what each tool needs is checked per call (core/src/auth/scopes.ts).
          scopes: [...(credential.scopes ?? Object.values(TokenScope))],
          // A personal access token may have no expiry: the middleware wants one, so "never".
          expiresAt: credential.expiresAt ? Math.floor(credential.expiresAt.getTime() / 1000) : Number.MAX_SAFE_INTEGER,
          resource: credential.oauth ? new URL(credential.oauth.resource) : undefined,
          extra: { credential },
        };
      },
    },
  });
}

/** The credential protectMcp's middleware verified for this request. */
export function credentialOf(req: Request): Credential {
  const credential = (req as Request & { auth?: AuthInfo }).auth?.extra?.credential;
  if (!credential) throw new Error('credentialOf without protectMcp');
  return credential as Credential;
}
