// Telling "the database went away" (a restart, a failover, a network cut) from every other error,
// so that a bulk import interrupted by an outage is resumed rather than failed.

/**
 * SQLSTATE classes and codes of a server that is going or not there yet: 08 connection exception,
 * 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting up).
 */
const SERVER_GONE = /^(08...|57P0[123])$/;
/** Socket-level failures reaching the server. */
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
/** node-postgres reports a connection lost mid-query or a client it had to drop by these words only (no code). */
const CONNECTION_LOST =
  /Connection terminated|connection error|not queryable|server closed the connection|timeout exceeded when trying to connect/i;

/** True when `error` (node-postgres's, or TypeORM's wrapping of it) says the database could not be reached. */
export function isDatabaseOutage(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (SERVER_GONE.test(code) || NETWORK.has(code))) return true;
    if (typeof message === 'string' && CONNECTION_LOST.test(message)) return true;
    e = (e as { driverError?: unknown; cause?: unknown }).driverError ?? (e as { cause?: unknown }).cause;
  }
  return false;
}
