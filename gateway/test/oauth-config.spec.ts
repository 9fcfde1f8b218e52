// The OAuth settings (README "Configuration"): the issuer is PUBLIC_URL, the MCP server's resource
// follows it (or the ai-server's own port without it) unless MCP_PUBLIC_URL names it, and the
// token lifetimes are read and checked like every setting.
import { ConfigError, loadConfig } from '@maratron/core';

describe('OAuth configuration', () => {
  it('defaults to the local gateway and ai-server ports, an hour for access tokens and 30 days for refresh tokens', () => {
    expect(loadConfig({}).oauth).toEqual({
      issuerUrl: 'http://localhost:4000',
      apiResourceUrl: 'http://localhost:4000/graphql',
      mcpResourceUrl: 'http://localhost:4001/mcp',
      accessTokenTtlSeconds: 3600,
      refreshTokenTtlSeconds: 2_592_000,
    });
  });

  it('puts everything behind PUBLIC_URL, and MCP_PUBLIC_URL names the MCP server elsewhere', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://maratron.example/' }).oauth).toMatchObject({
      issuerUrl: 'https://maratron.example',
      apiResourceUrl: 'https://maratron.example/graphql',
      mcpResourceUrl: 'https://maratron.example/mcp',
    });
    expect(
      loadConfig({
        PUBLIC_URL: 'https://maratron.example',
        MCP_PUBLIC_URL: 'https://mcp.maratron.example/mcp/',
        OAUTH_ACCESS_TOKEN_TTL_SECONDS: '600',
        OAUTH_REFRESH_TOKEN_TTL_SECONDS: '86400',
      }).oauth,
    ).toMatchObject({ mcpResourceUrl: 'https://mcp.maratron.example/mcp', accessTokenTtlSeconds: 600, refreshTokenTtlSeconds: 86_400 });
  });

  it.each([
    ['MCP_PUBLIC_URL', 'mcp.example', /MCP_PUBLIC_URL="mcp.example": expected a URL \(http: or https:\)/],
    ['OAUTH_ACCESS_TOKEN_TTL_SECONDS', '10', /OAUTH_ACCESS_TOKEN_TTL_SECONDS="10": expected at least 60/],
    ['OAUTH_ACCESS_TOKEN_TTL_SECONDS', '100000', /expected at most 86400/],
    ['OAUTH_REFRESH_TOKEN_TTL_SECONDS', 'forever', /OAUTH_REFRESH_TOKEN_TTL_SECONDS="forever": expected a whole number/],
  ])('refuses %s=%s', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });
});
