import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { mcpAuthRouter } from '@modelcontextprotocol/sdk/server/auth/router.js';
import { TokenScope } from '@maratron/domain';
import type { EventBus, Logger, OAuthConfig } from '@maratron/core';
import { MaratronOAuthProvider } from './oauth-provider';

/**
 * The OAuth 2.1 authorization server's endpoints, by the MCP SDK (mcpAuthRouter) over our
 * storage: /.well-known/oauth-authorization-server (RFC 8414), /register (RFC 7591), /authorize,
 * /token, /revoke (RFC 7009), and /.well-known/oauth-protected-resource/graphql (RFC 9728: the
 * gateway's API as a resource). The issuer is PUBLIC_URL, which OAuth wants on https (or on a
 * loopback address, for development): with another, the endpoints stay off and the log says why.
 */
export function mountOAuth(app: Express, deps: { dataSource: DataSource; bus: EventBus; config: OAuthConfig; logger: Logger }): void {
  const issuer = new URL(deps.config.issuerUrl);
  if (issuer.protocol !== 'https:' && !['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname)) {
    deps.logger.warn({ issuer: issuer.href }, 'OAuth is off: PUBLIC_URL must be https (or a loopback address) to be an OAuth issuer');
    return;
  }
  app.use(
    mcpAuthRouter({
      provider: new MaratronOAuthProvider(deps.dataSource, deps.bus, deps.config),
      issuerUrl: issuer,
      resourceServerUrl: new URL(deps.config.apiResourceUrl),
      scopesSupported: Object.values(TokenScope),
      resourceName: 'Maratron API',
    }),
  );
}
