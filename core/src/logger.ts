import pino from 'pino';

/** Structured JSON logs (pino: fast, well kept). Tokens and passwords never reach a log line. */
export function createLogger(level: string, destination?: pino.DestinationStream, service = 'gateway') {
  return pino(
    {
      level,
      base: { service },
      redact: { paths: ['req.headers.authorization', '*.password', '*.token'], remove: true },
    },
    destination,
  );
}

export type Logger = ReturnType<typeof createLogger>;
