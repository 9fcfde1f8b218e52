import { createClient } from 'graphql-ws';
import type { Client, FormattedExecutionResult } from 'graphql-ws';

type ExecutionResult<T> = FormattedExecutionResult<T, unknown>;
import WebSocket from 'ws';

/** How long a test waits for something that should happen (a safety net, not an assertion about speed). */
const PATIENCE_MS = 15_000;

export interface LiveClient {
  client: Client;
  /** Resolves with the close event's code once the server closes the socket. */
  closed: Promise<number>;
  /** Resolves once the server has acknowledged the connection (connection_ack). */
  connected: Promise<void>;
  subscribe<T = unknown>(query: string, variables?: Record<string, unknown>): LiveSubscription<T>;
  dispose(): Promise<void>;
}

/** One subscription's results, in order of arrival. */
export interface LiveSubscription<T> {
  results: ExecutionResult<T>[];
  /** The next result not taken yet (waits for it). */
  next(): Promise<ExecutionResult<T>>;
  /** Errors from an `error` message, or the socket failing. */
  error: Promise<unknown>;
  unsubscribe(): void;
}

/** A real graphql-ws client (the `ws` package as its WebSocket), authenticated with `token` in connection_init. */
export function connectLive(url: string, token?: string, params?: Record<string, unknown>): LiveClient {
  let onClosed!: (code: number) => void;
  const closed = new Promise<number>((resolve) => (onClosed = resolve));
  let onConnected!: () => void;
  const connected = new Promise<void>((resolve) => (onConnected = resolve));
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: params ?? (token ? { authorization: `Bearer ${token}` } : {}),
    on: { closed: (event) => onClosed((event as { code: number }).code), connected: () => onConnected() },
    onNonLazyError: () => undefined,
  });
  return {
    client,
    closed,
    connected,
    subscribe<T>(query: string, variables?: Record<string, unknown>): LiveSubscription<T> {
      const results: ExecutionResult<T>[] = [];
      const waiters: (() => void)[] = [];
      let taken = 0;
      let onError!: (e: unknown) => void;
      const error = new Promise<unknown>((resolve) => (onError = resolve));
      const unsubscribe = client.subscribe<T>(
        { query, variables },
        {
          next: (result) => {
            results.push(result);
            for (const wake of waiters.splice(0)) wake();
          },
          error: (e) => onError(e),
          complete: () => undefined,
        },
      );
      return {
        results,
        error,
        unsubscribe,
        async next() {
          const deadline = Date.now() + PATIENCE_MS;
          while (results.length <= taken) {
            if (Date.now() > deadline) throw new Error(`no live result within ${PATIENCE_MS} ms (got ${results.length})`);
            await new Promise<void>((resolve) => {
              waiters.push(resolve);
              setTimeout(resolve, 200);
            });
          }
          return results[taken++];
        },
      };
    },
    dispose: () => client.dispose() as Promise<void>,
  };
}

/** Waits until `check` holds (polling), or fails the test after a while. */
export async function eventually(check: () => boolean | Promise<boolean>, what = 'condition'): Promise<void> {
  const deadline = Date.now() + PATIENCE_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
