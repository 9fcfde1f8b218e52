/**
 * Errors the services raise, free of any transport: the gateway turns them into GraphQL
 * errors with `extensions.code` (and `field`, `reason`, `retryAfterSeconds`), the /api routes
 * into `{ error }` bodies, the ai-server into MCP tool errors — each from `toJSON()`.
 */
/** COACH_UNAVAILABLE: the coach's language model failed or took too long (askCoach). */
/** SERVICE_UNAVAILABLE: the server can't take the request right now (busy, or its database away); try again later. */
export const DOMAIN_ERROR_CODES = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'RATE_LIMITED',
  'COACH_UNAVAILABLE',
  'SERVICE_UNAVAILABLE',
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/** What an error says beyond its code and message, for programs to act on. */
export interface DomainErrorDetails {
  /** For BAD_USER_INPUT: the offending input field, dotted for nested fields. */
  field?: string;
  /**
   * Why, as a word a program can act on, where the code alone is not enough: for a file that
   * cannot be imported, what is wrong with it (`NOT_A_RUN`, `NO_START_TIME`, `MALFORMED`…).
   */
  reason?: string;
  /** For RATE_LIMITED and SERVICE_UNAVAILABLE: when to try again. */
  retryAfterSeconds?: number;
  /** For UNAUTHENTICATED from signIn (and resetPassword): two-step sign-in is on, and a valid code is wanted. */
  twoFactorRequired?: boolean;
  /** For FORBIDDEN to an access token: the scope the operation needs, or "SESSION" when only a signed-in session may do it. */
  requiredScope?: string;
}

/** A DomainError as data: what every transport sends. */
export interface DomainErrorData extends DomainErrorDetails {
  code: DomainErrorCode;
  /** A sentence for a person; it never carries the field name for a program to parse. */
  message: string;
}

export class DomainError extends Error {
  readonly field?: string;
  readonly reason?: string;
  readonly retryAfterSeconds?: number;
  readonly twoFactorRequired?: boolean;
  readonly requiredScope?: string;

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    details: DomainErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.field = details.field;
    this.reason = details.reason;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.twoFactorRequired = details.twoFactorRequired;
    this.requiredScope = details.requiredScope;
  }

  toJSON(): DomainErrorData {
    return {
      code: this.code,
      message: this.message,
      ...(this.field ? { field: this.field } : {}),
      ...(this.reason ? { reason: this.reason } : {}),
      ...(this.retryAfterSeconds ? { retryAfterSeconds: this.retryAfterSeconds } : {}),
      ...(this.twoFactorRequired ? { twoFactorRequired: true } : {}),
      ...(this.requiredScope ? { requiredScope: this.requiredScope } : {}),
    };
  }
}

/** Bad input in `field`; `message` is a whole sentence ("Distance must be greater than 0"). */
export const badInput = (field: string, message: string, reason?: string) => new DomainError('BAD_USER_INPUT', message, { field, reason });
export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found`);
export const forbidden = (message: string) => new DomainError('FORBIDDEN', message);
export const unauthenticated = (message = 'Sign in first') => new DomainError('UNAUTHENTICATED', message);
export const rateLimited = (retryAfterSeconds: number, message = 'Too many attempts; try again later') =>
  new DomainError('RATE_LIMITED', message, { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)) });
export const serviceUnavailable = (message: string, retryAfterSeconds = 5) =>
  new DomainError('SERVICE_UNAVAILABLE', message, { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)) });
/** UNAUTHENTICATED with `twoFactorRequired`: the password was right, and a valid one-time code is wanted too. */
export const twoFactorRequired = (message: string) => new DomainError('UNAUTHENTICATED', message, { twoFactorRequired: true });
