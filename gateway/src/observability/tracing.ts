/**
 * OpenTelemetry traces, only when OTEL_EXPORTER_OTLP_ENDPOINT is set (nothing is loaded or
 * sent otherwise). Imported first by each entry point, so the HTTP instrumentation patches
 * `http` before Express, Apollo or the WebSocket server load it. Spans go over OTLP/HTTP;
 * the standard OTEL_* variables (service name, headers, sampling, batch delay) apply.
 */
import type { NodeSDK } from '@opentelemetry/sdk-node';
import type * as OtelSdk from '@opentelemetry/sdk-node';
import type * as OtlpHttp from '@opentelemetry/exporter-trace-otlp-http';
import type * as OtelHttp from '@opentelemetry/instrumentation-http';
import type { Config } from '@maratron/core';

let sdk: NodeSDK | null = null;

export function startTracing(serviceName: string, settings: Config['tracing']): void {
  if (!settings.endpoint || sdk) return;
  // Loaded only when tracing is on, so a server without it never loads OpenTelemetry.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NodeSDK: Sdk } = require('@opentelemetry/sdk-node') as typeof OtelSdk;
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof OtlpHttp;
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof OtelHttp;
  /* eslint-enable @typescript-eslint/no-require-imports */
  sdk = new Sdk({
    serviceName: settings.serviceName ?? serviceName,
    traceExporter: new OTLPTraceExporter({
      url: new URL('v1/traces', settings.endpoint.endsWith('/') ? settings.endpoint : `${settings.endpoint}/`).href,
    }),
    instrumentations: [new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => /^\/(healthz|readyz|metrics)/.test(req.url ?? '') })],
  });
  sdk.start();
}

/** Flushes spans still buffered (on shutdown). */
export async function stopTracing(): Promise<void> {
  await sdk?.shutdown().catch(() => undefined);
  sdk = null;
}
