import type { ApolloServerPlugin } from '@apollo/server';
import { valueFromASTUntyped, visit } from 'graphql';
import type { DocumentNode, GraphQLError } from 'graphql';
import { assertNoNulCharacter, DomainError } from '@maratron/domain';
import { domainToGraphQLError } from '../common/errors';
import { PassedDocuments } from './passed-documents';

/**
 * The first argument of the operation, written inline or sent as a variable, whose text holds a
 * NUL character: BAD_USER_INPUT naming the field (assertNoNulCharacter, the rule parseInput also
 * applies), or null. Checked once for the whole operation before it runs, so no argument — typed
 * by a zod rule or not — can take one as far as PostgreSQL.
 */
export function nulCharacterError(document: DocumentNode, variables: Record<string, unknown> | null | undefined): GraphQLError | null {
  let found: GraphQLError | null = null;
  visit(document, {
    Argument(node) {
      if (found) return false;
      try {
        assertNoNulCharacter(valueFromASTUntyped(node.value, variables ?? {}), node.name.value);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        found = domainToGraphQLError(error);
      }
      return false;
    },
  });
  return found;
}

const passed = new PassedDocuments();

/** Refuses an operation whose arguments carry a NUL character, before it executes (HTTP 400). */
export const textInputPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ document, operationName, request }) {
        const error = passed.check(document, operationName, request.variables, () => nulCharacterError(document, request.variables));
        if (error) {
          error.extensions.http = { status: 400 };
          throw error;
        }
      },
    };
  },
};
