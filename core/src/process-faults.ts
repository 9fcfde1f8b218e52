import type { Logger } from './logger';

/**
 * What a server process (gateway, import worker, ai-server) does with an error nobody caught.
 *
 * - An unhandled rejection is a promise nobody waited for. The work it belonged to has failed,
 *   but no code was cut off half-way by it, so there is no reason to think the process's state
 *   is damaged: it is logged as an error and the process keeps serving. (Node's default would
 *   end the process, and with it every other runner's requests, sockets and imports.)
 * - An uncaught exception was thrown out of a callback and cut off whatever was running at an
 *   unknown point: state may be half-changed (a lock held, a count never taken back). It is
 *   logged, and the process shuts down cleanly — servers stopped, the embedded PostgreSQL
 *   stopped, never orphaned — and exits with status 1, so its supervisor (Docker, systemd,
 *   Kubernetes) starts a fresh one.
 */
export function handleProcessFaults(logger: Logger, shutDown: (reason: string) => void): void {
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled promise rejection: that work failed; the process keeps serving');
  });
  process.on('uncaughtException', (error, origin) => {
    logger.fatal({ err: error, origin }, 'uncaught exception: shutting down');
    shutDown('uncaughtException');
  });
}
