import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { getComplexity, simpleEstimator } from 'graphql-query-complexity';
import type { ComplexityEstimator } from 'graphql-query-complexity';
import type { QueryLimits } from '@maratron/core';
import { PassedDocuments } from './passed-documents';

/**
 * Fields that answer a list of points, each at most `trackMaxPoints` long (thinned in the
 * database: see RunsService.track). They cost one per point they may return, so the cost of an
 * operation bounds the points in its answer — whether they are asked for through `runs`, a feed
 * post's run, a group's posts or a live update.
 */
const POINT_FIELDS = new Set(['Run.track']);

/**
 * Lists without a page size whose length a setting caps: they cost that many times what they
 * select, as a page of that size would.
 */
const CAPPED_LISTS: Record<string, (limits: QueryLimits) => number> = {
  'Query.followRequests': (limits) => limits.followRequestsMax,
  'Query.blockedUsers': (limits) => limits.blockedUsersMax,
};

/**
 * The cost of one operation, computed with its variables (graphql-query-complexity), before any
 * work is done:
 * - every field costs 1 plus what it selects;
 * - a field with `first` (or `last`) costs that many times (1 + what it selects), with the page
 *   size taken from the variables or the argument's default — a page size sent as a variable
 *   counts the same as one written in the query;
 * - a point field (`Run.track`) costs the most points it may return;
 * - a list capped by a setting (`followRequests`, `blockedUsers`) costs as a page of that size.
 * So `runs(first: 10) { edges { node { track } } }` costs about 10 × 2,000, and fifteen aliases of
 * it cost fifteen times that. graphql-armor's own cost rule counts a page size only when it is a
 * literal and a track as one field, which is why this replaces it.
 */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  limits: QueryLimits,
): number {
  const estimators: ComplexityEstimator[] = [
    ({ type, field, args, childComplexity }) => {
      if (POINT_FIELDS.has(`${type.name}.${field.name}`)) return limits.trackMaxPoints;
      const cap = CAPPED_LISTS[`${type.name}.${field.name}`];
      if (cap) return (1 + childComplexity) * cap(limits);
      const pageSize = args.first ?? args.last;
      if (typeof pageSize === 'number') return (1 + childComplexity) * Math.max(1, pageSize);
      return undefined;
    },
    simpleEstimator({ defaultComplexity: 1 }),
  ];
  return getComplexity({ schema, query: document, variables: variables ?? {}, ...(operationName ? { operationName } : {}), estimators });
}

/**
 * The operation's cost, or the error that refuses it (GRAPHQL_VALIDATION_FAILED, HTTP 400, with
 * the cost and the limit). Variables that don't fit their types give no cost here: execution
 * refuses them with its own BAD_USER_INPUT.
 */
export function checkQueryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  limits: QueryLimits,
): GraphQLError | null {
  let cost: number;
  try {
    cost = queryCost(schema, document, operationName, variables, limits);
  } catch {
    return null;
  }
  if (cost <= limits.maxCost) return null;
  return new GraphQLError(
    `Query cost ${Math.round(cost)} exceeds the limit of ${limits.maxCost} (each field counts 1, a page counts once per item it asks for, ` +
      `and a run's track counts ${limits.trackMaxPoints} points): ask for fewer items or fewer tracks at a time`,
    { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', cost: Math.round(cost), maxCost: limits.maxCost, http: { status: 400 } } },
  );
}

/** Refuses an operation over the cost budget once Apollo has resolved it, before it executes. */
export function queryCostPlugin(limits: QueryLimits): ApolloServerPlugin {
  const passed = new PassedDocuments();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operationName, request }) {
          const error = passed.check(document, operationName, request.variables, () =>
            checkQueryCost(schema, document, operationName, request.variables, limits),
          );
          if (error) throw error;
        },
      };
    },
  };
}
