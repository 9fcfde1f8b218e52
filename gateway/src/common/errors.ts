import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { DomainError } from '@maratron/domain';
import { asServiceUnavailable } from '@maratron/core';

const PUBLIC_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'RATE_LIMITED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** A DomainError as the GraphQL error the contract describes: code, field, reason and retryAfterSeconds in `extensions`. */
export function domainToGraphQLError(error: DomainError): GraphQLError {
  const { message, ...extensions } = error.toJSON();
  return new GraphQLError(message, { extensions });
}

/** `Variable "$input" got invalid value … at "input.distance"` → `distance`. */
function fieldFromCoercionMessage(message: string): string | undefined {
  const at = /at "[^".]+\.([^"]+)"/.exec(message);
  if (at) return at[1];
  const variable = /Variable "\$(\w+)"/.exec(message);
  return variable?.[1];
}

/**
 * The last word on every error a client sees: domain errors keep their code and field;
 * GraphQL's own (parse, validation, variable coercion) keep theirs; anything else is an
 * internal error whose message, stack and SQL stay in the server log.
 */
export function createErrorFormatter(logError: (error: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    let original = unwrapResolverError(error);
    // The database could not serve it (no connection in time, PostgreSQL away, a statement over
    // its time limit): the client is told to retry; what happened goes to the log.
    const unavailable = asServiceUnavailable(original);
    if (unavailable) {
      logError(original);
      original = unavailable;
    }
    if (original instanceof DomainError) {
      const { message, extensions } = domainToGraphQLError(original);
      return { message, locations: formatted.locations, path: formatted.path, extensions };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && PUBLIC_CODES.has(code)) {
      const extensions: Record<string, unknown> = { code };
      if (code === 'BAD_USER_INPUT') extensions.field = formatted.extensions?.field ?? fieldFromCoercionMessage(formatted.message);
      for (const key of ['retryAfterSeconds', 'field', 'reason', 'requiredScope'] as const) {
        if (formatted.extensions?.[key] !== undefined) extensions[key] = formatted.extensions[key];
      }
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions };
    }
    logError(original);
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/**
 * An answer carrying SERVICE_UNAVAILABLE goes out as HTTP 503 with Retry-After, as the /api
 * routes do, so load balancers and clients back off and retry.
 */
export const serviceUnavailableStatus: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const error = response.body.singleResult.errors?.find((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE');
        if (!error) return;
        response.http.status = 503;
        response.http.headers.set('retry-after', String(error.extensions?.retryAfterSeconds ?? 5));
      },
    };
  },
};
