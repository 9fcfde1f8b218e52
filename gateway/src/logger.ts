import pino from 'pino';

/** Structured JSON logs (pino: fast, well kept). Tokens and passwords never reach a log line. */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info') {
  return pino({
    level,
    base: { service: 'gateway' },
    redact: { paths: ['req.headers.authorization', '*.password', '*.token'], remove: true },
  });
}

export type Logger = ReturnType<typeof createLogger>;
