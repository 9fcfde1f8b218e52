import type { ApolloServerPlugin } from '@apollo/server';
import { trace } from '@opentelemetry/api';
import type { RequestContext, Metrics } from '@maratron/core';

/** Names each request's GraphQL operation for the request log, and times and counts it. */
export function operationsPlugin(metrics: Metrics): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      let operation = 'anonymous';
      let type = 'unknown';
      return {
        async didResolveOperation({ operationName, operation: op, contextValue }) {
          operation = metrics.operationLabel(operationName ?? null);
          type = op?.operation ?? 'unknown';
          // With tracing on, the request's HTTP span says which operation it carried.
          const span = trace.getActiveSpan();
          span?.setAttribute('graphql.operation.name', operationName ?? 'anonymous');
          span?.setAttribute('graphql.operation.type', type);
          if (contextValue.info) {
            contextValue.info.operation = operationName ?? undefined;
            contextValue.info.operationType = type;
          }
        },
        async willSendResponse({ response, contextValue }) {
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const codes = errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          for (const code of codes) metrics.errors.inc({ code });
          if (contextValue.info) contextValue.info.errorCodes = codes;
          metrics.operations.inc({ operation, type, outcome: codes.length ? 'error' : 'ok' });
          metrics.operationDuration.observe({ operation, type }, Number(process.hrtime.bigint() - started) / 1e9);
        },
      };
    },
  };
}
