import express, { Router } from 'express';
import { badInput, notFound, parseId } from '@maratron/domain';
import { OAUTH_CODE_PREFIX, newOAuthSecret, oauthSecretHash, requireSession } from '@maratron/core';
import type { RequestContext } from '@maratron/core';
import { authenticatedRoute } from '../common/http';
import type { HttpRouteDeps } from '../common/http';
import { OAUTH_CODE_TTL_SECONDS } from './oauth-provider';

interface PendingRequest {
  client_id: string;
  name: string;
  scopes: string[];
  redirect_uri: string;
  code_challenge: string;
  state: string | null;
  resource: string;
}

const json = (body: unknown) => ({ body: JSON.stringify(body), contentType: 'application/json; charset=utf-8' });

/**
 * The consent step of the OAuth authorization server (oauth-provider.ts): the web client's consent
 * page reads a pending authorization request and sends the runner's answer, from a signed-in session
 * only (SCOPES.Route). Mounted under /api.
 */
export function consentRouter(deps: HttpRouteDeps): Router {
  const router = Router();

  /**
   * A pending authorization request (`take`: used up, so it is answered once). It belongs to no
   * runner until answered — whoever is signed in on the consent page answers it — so it is read as
   * the table owner, after the viewer's session is checked.
   */
  const pending = async (ctx: RequestContext, id: string, take: boolean): Promise<PendingRequest> => {
    requireSession(ctx);
    // Opening the transaction checks the session still stands before anything is read or used.
    await ctx.db.begin();
    const rows = await deps.dataSource.query<PendingRequest[]>(
      `${take ? 'WITH r AS (DELETE FROM oauth_authorization_requests WHERE id = $1 AND expires_at > now() RETURNING *)' : 'WITH r AS (SELECT * FROM oauth_authorization_requests WHERE id = $1 AND expires_at > now())'}
       SELECT r.client_id, c.name, r.scopes, r.redirect_uri, r.code_challenge, r.state, r.resource FROM r JOIN oauth_clients c USING (client_id)`,
      [parseId(id, 'request')],
    );
    if (!rows.length) throw notFound('Authorization request (it may have expired: start again from the app)');
    return rows[0];
  };

  /** GET /api/oauth/requests/:id — what the app asks for: its name, the scopes, where it will send the runner back. */
  router.get(
    '/oauth/requests/:id',
    authenticatedRoute(deps, async (ctx, req) => {
      const request = await pending(ctx, String(req.params.id), false);
      return json({
        app: { clientId: request.client_id, name: request.name, redirectHost: new URL(request.redirect_uri).host },
        scopes: request.scopes,
        resource: request.resource,
      });
    }),
  );

  /**
   * POST /api/oauth/requests/:id `{ "approve": true | false }` — the runner's answer, used once:
   * `{ redirectTo }`, the app's redirect URI with a one-time code (the grant is created) or with
   * `error=access_denied`.
   */
  router.post(
    '/oauth/requests/:id',
    express.json({ limit: '1kb' }),
    authenticatedRoute(deps, async (ctx, req) => {
      const approve: unknown = (req.body as { approve?: unknown } | undefined)?.approve;
      if (typeof approve !== 'boolean') throw badInput('approve', 'Send { "approve": true } or { "approve": false }');
      const request = await pending(ctx, String(req.params.id), true);
      const { viewerId } = requireSession(ctx);
      const back = new URL(request.redirect_uri);
      if (request.state !== null) back.searchParams.set('state', request.state);
      if (!approve) {
        back.searchParams.set('error', 'access_denied');
        back.searchParams.set('error_description', 'The runner declined');
        return json({ redirectTo: back.href });
      }
      const code = newOAuthSecret(OAUTH_CODE_PREFIX);
      await ctx.db.execute(
        `WITH g AS (INSERT INTO oauth_grants (user_id, client_id, scopes, resource) VALUES ($1, $2, $3, $4) RETURNING id)
         INSERT INTO oauth_tokens (grant_id, user_id, kind, token_hash, code_challenge, redirect_uri, expires_at)
         SELECT g.id, $1, 'code', $5, $6, $7, now() + make_interval(secs => $8) FROM g`,
        [
          viewerId,
          request.client_id,
          request.scopes,
          request.resource,
          oauthSecretHash(code),
          request.code_challenge,
          request.redirect_uri,
          OAUTH_CODE_TTL_SECONDS,
        ],
      );
      back.searchParams.set('code', code);
      return json({ redirectTo: back.href });
    }),
  );

  return router;
}
