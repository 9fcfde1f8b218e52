import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import type { OAuthClientInformationMixed, OAuthClientMetadata, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';

/** Where the test app says the authorization server sends the runner back (never opened: the test reads the code off it). */
export const REDIRECT_URL = 'http://127.0.0.1:9/callback';

/**
 * An MCP client app's OAuth storage, in memory, as the official SDK's client drives it: it
 * registers dynamically, keeps the PKCE verifier, and is "sent" to the authorization URL, which
 * the test then follows (the consent approved in a browser or through the consent API).
 */
export class TestOAuthApp implements OAuthClientProvider {
  info: OAuthClientInformationMixed | undefined;
  saved: OAuthTokens | undefined;
  verifier = '';
  authorizationUrl: URL | null = null;

  constructor(
    readonly name: string,
    private readonly scope?: string,
  ) {}

  get redirectUrl() {
    return REDIRECT_URL;
  }
  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: this.name,
      redirect_uris: [REDIRECT_URL],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      ...(this.scope ? { scope: this.scope } : {}),
    };
  }
  state() {
    return 'test-state';
  }
  clientInformation() {
    return this.info;
  }
  saveClientInformation(info: OAuthClientInformationMixed) {
    this.info = info;
  }
  tokens() {
    return this.saved;
  }
  saveTokens(tokens: OAuthTokens) {
    this.saved = tokens;
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(verifier: string) {
    this.verifier = verifier;
  }
  codeVerifier() {
    return this.verifier;
  }
}

/** An MCP client (the official SDK's) on `mcpUrl` whose transport signs in with `app`. */
export function oauthClient(mcpUrl: string, app: TestOAuthApp) {
  const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: app });
  const client = new Client({ name: app.name, version: '1.0.0' });
  return { client, transport };
}

/**
 * The SDK client's first connection: refused with 401, it discovers the authorization server,
 * registers and sends the runner to the authorization URL (returned). `finish(code)` exchanges
 * the code, and `connect()` then opens a client with the tokens.
 */
export async function startOAuth(mcpUrl: string, app: TestOAuthApp) {
  const { client, transport } = oauthClient(mcpUrl, app);
  await expect(client.connect(transport)).rejects.toThrow(UnauthorizedError);
  if (!app.authorizationUrl) throw new Error('the SDK client was not sent to an authorization URL');
  return {
    authorizationUrl: app.authorizationUrl,
    async finish(code: string) {
      await transport.finishAuth(code);
    },
  };
}

/** Follows the authorization URL without a browser: where the authorization server redirects (the consent page, or an error back to the app). */
export async function followAuthorization(url: URL): Promise<URL> {
  const res = await fetch(url, { redirect: 'manual' });
  const location = res.headers.get('location');
  if (res.status !== 302 || !location) throw new Error(`authorize answered ${res.status}: ${await res.text()}`);
  return new URL(location);
}
