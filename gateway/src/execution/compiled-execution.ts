import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { execute, getVariableValues, GraphQLError } from 'graphql';
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode, SourceLocation } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import type { CompiledQuery } from 'graphql-jit';

/** What is known about one operation of one document: how often it ran, and its compiled form once it has one. */
interface Plan {
  runs: number;
  /** undefined: not compiled yet; null: graphql-jit could not compile it (graphql-js runs it). */
  compiled?: CompiledQuery | null;
}

/**
 * Queries and mutations run compiled (graphql-jit): an operation is turned once into a
 * JavaScript function that resolves exactly its fields, instead of graphql-js walking the
 * document, collecting fields and checking types on every request. Resolvers, errors and the
 * shape of the answer are the same; what changes is the cost per request of the walk.
 *
 * - Compiling costs far more than one execution, so an operation is compiled only once it has
 *   run `compileAfter` times: a client sending a stream of one-off documents gets graphql-js,
 *   and cannot make the server compile on its behalf. Plans live as long as Apollo Server's
 *   document cache keeps the document (a WeakMap keyed by the cached DocumentNode).
 * - Variables are coerced by graphql-js first, so a bad variable is refused with exactly the
 *   error graphql-js gives (which Apollo Server turns into BAD_USER_INPUT); graphql-jit then
 *   coerces the same raw values again for its own use.
 * - Subscriptions are not run here: graphql-ws and the live dispatcher execute their events.
 *
 * Plugged in through Apollo Server's gateway interface, whose executor replaces only the
 * execution step of the request pipeline (parsing, validation and every plugin still run).
 */
export function compiledExecution(schema: GraphQLSchema, { compileAfter }: { compileAfter: number }): GatewayInterface {
  const plans = new WeakMap<DocumentNode, Map<string, Plan>>();

  function planOf(document: DocumentNode, operationName: string | null): Plan {
    let byOperation = plans.get(document);
    if (!byOperation) plans.set(document, (byOperation = new Map()));
    let plan = byOperation.get(operationName ?? '');
    if (!plan) byOperation.set(operationName ?? '', (plan = { runs: 0 }));
    return plan;
  }

  function compile(document: DocumentNode, operationName: string | null): CompiledQuery | null {
    const compiled = compileQuery(schema, document, operationName ?? undefined, { disablingCapturingStackErrors: true });
    return isCompiledQuery(compiled) ? compiled : null;
  }

  const executor: GatewayExecutor = async ({ document, operation, operationName, request, context }) => {
    const plan = planOf(document, operationName);
    if (plan.compiled === undefined && ++plan.runs >= compileAfter) plan.compiled = compile(document, operationName);
    if (!plan.compiled) {
      return execute({ schema, document, operationName, variableValues: request.variables, contextValue: context });
    }
    const variables = request.variables ?? {};
    const refused = refusedVariables(schema, operation, variables);
    if (refused) return { errors: refused };
    const result = await plan.compiled.query(undefined, context, variables);
    return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
  };

  return {
    async load() {
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    async stop() {},
  };
}

/**
 * graphql-jit's errors imitate graphql-js's but leave `extensions` undefined when the thrown error
 * has none (a DomainError), which Apollo Server's error formatting does not survive: each becomes
 * the GraphQLError graphql-js would have made, with the same message, path, locations and cause.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  const converted = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions,
  });
  (converted as { locations?: readonly SourceLocation[] }).locations = error.locations;
  return converted;
}

/** graphql-js's verdict on the request's variables: its errors, or undefined when they coerce. */
function refusedVariables(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Record<string, unknown>) {
  if (!operation.variableDefinitions?.length) return undefined;
  const coerced = getVariableValues(schema, operation.variableDefinitions, variables, { maxErrors: 50 });
  return coerced.errors;
}
