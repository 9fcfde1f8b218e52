import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind } from 'graphql';
import type { DocumentNode, FragmentDefinitionNode, GraphQLSchema, OperationDefinitionNode, SelectionSetNode } from 'graphql';
import { DomainError } from '@maratron/domain';
import type { TokenScope } from '@maratron/domain';
import { assertScope, scopeOf } from '@maratron/core';
import type { RequestContext, ScopeKind } from '@maratron/core';
import { domainToGraphQLError } from '../common/errors';

const ROOTS = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' } as const satisfies Record<string, ScopeKind>;

/**
 * Fails (at startup) for a schema with a root field whose scope is not declared in
 * core/src/auth/scopes.ts: every Query, Mutation and Subscription field must say what it needs.
 */
export function assertScopesDeclared(schema: GraphQLSchema): void {
  const missing: string[] = [];
  for (const kind of Object.values(ROOTS)) {
    const type = kind === 'Query' ? schema.getQueryType() : kind === 'Mutation' ? schema.getMutationType() : schema.getSubscriptionType();
    for (const name of Object.keys(type?.getFields() ?? {})) if (!scopeOf(kind, name)) missing.push(`${kind}.${name}`);
  }
  if (missing.length) {
    throw new Error(`No scope declared for ${missing.join(', ')}: add each to SCOPES in core/src/auth/scopes.ts`);
  }
}

/** The root fields an operation selects (through fragments too); introspection's own are left out. */
function rootFields(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): string[] {
  const names: string[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (!selection.name.value.startsWith('__')) names.push(selection.name.value);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      names.push(...rootFields(selection.selectionSet, fragments, seen));
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      if (fragment) names.push(...rootFields(fragment.selectionSet, fragments, seen));
    }
  }
  return names;
}

/**
 * FORBIDDEN (with `requiredScope`) when the operation selects a root field the credential's
 * scopes do not cover; null when it may run. `scopes` null: a session, which may do everything.
 */
export function scopeError(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  scopes: readonly TokenScope[] | null | undefined,
): GraphQLError | null {
  if (!scopes) return null;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const kind = ROOTS[operation.operation];
  try {
    for (const name of rootFields(operation.selectionSet, fragments)) assertScope(scopes, scopeOf(kind, name));
  } catch (error) {
    if (error instanceof DomainError) return domainToGraphQLError(error);
    throw error;
  }
  return null;
}

const withStatus = (error: GraphQLError, status: number) =>
  new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status } } });

/**
 * The scope check of GraphQL over HTTP, before any resolver runs. A request with a personal access
 * token also opens its transaction here, which checks the token still stands: a revoked or
 * expired one is refused whatever the operation asks.
 */
export const scopesPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ document, operation, contextValue }) {
        if (!operation) return;
        const refused = scopeError(document, operation, contextValue.scopes);
        if (refused) throw withStatus(refused, 403);
        if (contextValue.accessTokenId) {
          try {
            await contextValue.db.begin();
          } catch (error) {
            if (error instanceof DomainError && error.code === 'UNAUTHENTICATED') throw withStatus(domainToGraphQLError(error), 401);
            throw error;
          }
        }
      },
    };
  },
};
