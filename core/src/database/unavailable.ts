import { serviceUnavailable } from '@maratron/domain';
import type { DomainError } from '@maratron/domain';

/** SQLSTATEs that say PostgreSQL can't serve now, not that the statement was wrong. */
const UNAVAILABLE_STATES = new Set([
  '57P01', // admin_shutdown: the server is stopping (or restarting)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up, or in recovery
  '53300', // too_many_connections
]);
/** Class 08: connection exceptions. */
const CONNECTION_EXCEPTION = /^08/;
/** statement_timeout (DB_STATEMENT_TIMEOUT_MS) or idle_in_transaction_session_timeout ended the work. */
const STATEMENT_TIMEOUT = '57014';
const IDLE_IN_TRANSACTION_TIMEOUT = '25P03';

/** Socket errors on the way to PostgreSQL. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * node-pg's own messages for a connection it could not get or lost: the pool's acquire timeout
 * (DB_ACQUIRE_TIMEOUT_MS), a connection that could not open in time, one cut under a query.
 */
const DRIVER_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'is not queryable',
  'connection error',
  'server closed the connection',
];

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
}

function codeAndMessage(error: unknown): { code?: string; message: string }[] {
  const found: { code?: string; message: string }[] = [];
  // TypeORM wraps the driver's error (driverError); other code may wrap it as a cause.
  for (let e = error as ErrorLike | undefined, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    found.push({ code: typeof e.code === 'string' ? e.code : undefined, message: typeof e.message === 'string' ? e.message : '' });
    e = (e.driverError ?? e.cause) as ErrorLike | undefined;
  }
  return found;
}

/**
 * Whether `error` says PostgreSQL could not be reached or could not serve (a restart, a failover,
 * a network cut, no connection in time) — as opposed to a statement it refused. The one test for
 * "the database went away": requests answer SERVICE_UNAVAILABLE on it, and a bulk import
 * interrupted by it is resumed rather than failed.
 */
export function isDatabaseOutage(error: unknown): boolean {
  return codeAndMessage(error).some(
    ({ code, message }) =>
      (code !== undefined && (UNAVAILABLE_STATES.has(code) || CONNECTION_EXCEPTION.test(code) || NETWORK_CODES.has(code))) ||
      DRIVER_MESSAGES.some((m) => message.includes(m)),
  );
}

/**
 * The SERVICE_UNAVAILABLE a client should see for `error` when it says the database could not
 * serve the request — no connection free in time, PostgreSQL down or restarting, a statement
 * stopped by the server's time limits — and null for any other error. The client is told to try
 * again shortly; the details stay in the server's log.
 */
export function asServiceUnavailable(error: unknown): DomainError | null {
  if (codeAndMessage(error).some(({ code }) => code === STATEMENT_TIMEOUT || code === IDLE_IN_TRANSACTION_TIMEOUT)) {
    return serviceUnavailable('The request took too long and was stopped; try again later');
  }
  if (isDatabaseOutage(error)) return serviceUnavailable('The service is busy or its database is unavailable; try again shortly');
  return null;
}
