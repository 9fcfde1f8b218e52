import { timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Operation names come from clients: keep label values bounded. */
const MAX_OPERATION_NAMES = 200;
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * The process's Prometheus metrics (prom-client), served at GET /metrics. One registry per
 * gateway instance, so several instances in one process (tests) don't collide.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly seenOperations = new Set<string>();

  readonly operations = new Counter({
    name: 'maratron_graphql_operations_total',
    help: 'GraphQL operations by name, type and outcome (ok or error)',
    labelNames: ['operation', 'type', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly operationDuration = new Histogram({
    name: 'maratron_graphql_operation_duration_seconds',
    help: 'GraphQL operation latency by name and type',
    labelNames: ['operation', 'type'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly errors = new Counter({
    name: 'maratron_graphql_errors_total',
    help: 'GraphQL errors returned to clients, by extensions.code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly httpRequests = new Counter({
    name: 'maratron_http_requests_total',
    help: 'HTTP requests by route and status',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'maratron_http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['route', 'method'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly eventLag = new Histogram({
    name: 'maratron_event_delivery_lag_seconds',
    help: 'Event bus: time from publish to delivery in this process',
    labelNames: ['topic'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly toolCalls = new Counter({
    name: 'maratron_mcp_tool_calls_total',
    help: 'MCP tool calls by tool and outcome (ok, or the error code)',
    labelNames: ['tool', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly rateLimited = new Counter({
    name: 'maratron_rate_limited_total',
    help: 'Requests refused by a rate limit, by limit',
    labelNames: ['limit'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'maratron_' });
  }

  /** A gauge whose value is read at scrape time (pool sizes, queue depth). */
  gaugeFrom(
    name: string,
    help: string,
    labelNames: string[],
    collect: (set: (labels: Record<string, string>, value: number) => void) => void | Promise<void>,
  ) {
    return new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        await collect((labels, value) => this.set(labels, value));
      },
    });
  }

  /** The label for an operation name: the name itself while the set is small, else "other". */
  operationLabel(name: string | null | undefined): string {
    if (!name || !NAME.test(name)) return 'anonymous';
    if (this.seenOperations.has(name)) return name;
    if (this.seenOperations.size >= MAX_OPERATION_NAMES) return 'other';
    this.seenOperations.add(name);
    return name;
  }
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * GET /metrics (both servers). Metrics tell how the platform is used, so they are not public:
 * with METRICS_TOKEN set, a scrape must send `Authorization: Bearer <token>`; without it, only a
 * client on this machine may scrape — the socket is loopback and so is the client address a
 * trusted proxy reports (a request relayed by a local reverse proxy is not). Refused: 403.
 */
export function metricsRoute(metrics: Metrics, token: string | null) {
  const expected = token ? Buffer.from(`Bearer ${token}`) : null;
  return async (req: Request, res: Response): Promise<void> => {
    const allowed = expected
      ? (() => {
          const given = Buffer.from(req.headers.authorization ?? '');
          return given.length === expected.length && timingSafeEqual(given, expected);
        })()
      : LOOPBACK.test(req.socket.remoteAddress ?? '') && LOOPBACK.test(req.ip ?? '');
    if (!allowed) {
      const message = expected
        ? 'Send Authorization: Bearer <METRICS_TOKEN>'
        : 'Metrics answer clients on this machine only (or set METRICS_TOKEN)';
      res.status(403).json({ error: { code: 'FORBIDDEN', message } });
      return;
    }
    res.setHeader('content-type', metrics.registry.contentType);
    res.end(await metrics.registry.metrics());
  };
}

/**
 * `read` at most once per `maxAgeMs`, however often it is asked for: a scrape gets the last
 * value (concurrent ones share one read), so scraping faster costs the database nothing more.
 */
export function atMostEvery<T>(maxAgeMs: number, read: () => Promise<T>): () => Promise<T> {
  let last: { at: number; value: Promise<T> } | null = null;
  return () => {
    if (!last || Date.now() - last.at >= maxAgeMs) {
      const value = read();
      last = { at: Date.now(), value };
      // A failed read is not kept: the next scrape tries again.
      value.catch(() => {
        if (last?.value === value) last = null;
      });
    }
    return last.value;
  };
}
