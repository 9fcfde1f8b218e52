/**
 * Errors the services raise, free of any transport: the gateway turns them into GraphQL
 * errors with `extensions.code` (and `field`), the ai-server into MCP tool errors.
 */
/** COACH_UNAVAILABLE: the coach's language model failed or took too long (askCoach). */
/** SERVICE_UNAVAILABLE: the server can't take the request right now (busy, or its database away); try again later. */
export type DomainErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'RATE_LIMITED' | 'COACH_UNAVAILABLE' | 'SERVICE_UNAVAILABLE';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** For BAD_USER_INPUT: the offending input field, dotted for nested fields. */
    readonly field?: string,
    /** For RATE_LIMITED and SERVICE_UNAVAILABLE: when to try again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const badInput = (field: string, message: string) => new DomainError('BAD_USER_INPUT', message, field);
export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found`);
export const forbidden = (message: string) => new DomainError('FORBIDDEN', message);
export const unauthenticated = (message = 'Sign in first') => new DomainError('UNAUTHENTICATED', message);
export const rateLimited = (retryAfterSeconds: number, message = 'Too many attempts; try again later') =>
  new DomainError('RATE_LIMITED', message, undefined, Math.max(1, Math.ceil(retryAfterSeconds)));
export const serviceUnavailable = (message: string, retryAfterSeconds = 5) =>
  new DomainError('SERVICE_UNAVAILABLE', message, undefined, Math.max(1, Math.ceil(retryAfterSeconds)));
