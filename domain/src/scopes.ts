import { z } from 'zod';
import { DomainError } from './rules/errors';

/**
 * What a personal access token may do. A signed-in session may do everything; a token only what
 * its scopes name. Which scope each root field, /api route and MCP tool needs is declared in one
 * map (gateway/src/common/scopes.ts).
 */
export enum TokenScope {
  PROFILE_READ = 'PROFILE_READ',
  RUNS_READ = 'RUNS_READ',
  RUNS_WRITE = 'RUNS_WRITE',
  SOCIAL_READ = 'SOCIAL_READ',
  SOCIAL_WRITE = 'SOCIAL_WRITE',
  TRAINING_READ = 'TRAINING_READ',
  COACH = 'COACH',
}

/** Needs a signed-in session (account operations): no token scope grants it. */
export const SESSION_ONLY = 'SESSION' as const;
/** Anyone may call it, signed in or not (signUp, signIn, password reset). */
export const PUBLIC = 'PUBLIC' as const;
/** What an operation needs: a scope, a session, or nothing. */
export type ScopeRequirement = TokenScope | typeof SESSION_ONLY | typeof PUBLIC;

/**
 * Whether a credential with `scopes` (null: a session, which has every scope) may do something
 * that needs `required`.
 */
export function scopeAllows(scopes: readonly TokenScope[] | null, required: ScopeRequirement): boolean {
  if (required === PUBLIC || scopes === null) return true;
  if (required === SESSION_ONLY) return false;
  return scopes.includes(required);
}

/** FORBIDDEN with `requiredScope`: the token lacks the scope (or the operation needs a session). */
export function scopeRequired(required: TokenScope | typeof SESSION_ONLY): DomainError {
  const message =
    required === SESSION_ONLY
      ? 'This needs a signed-in session: an access token cannot do it'
      : `This access token lacks the ${required} scope`;
  return new DomainError('FORBIDDEN', message, { requiredScope: required });
}

/** Longest life a personal access token may be given, in days. */
export const ACCESS_TOKEN_MAX_DAYS = 3650;

/** createPersonalAccessToken's arguments. */
export const personalAccessTokenSchema = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(100),
  scopes: z
    .array(z.enum(TokenScope))
    .min(1, 'must name at least one scope')
    .transform((s) => [...new Set(s)]),
  expiresInDays: z
    .number()
    .int()
    .min(1, 'must be at least 1')
    .max(ACCESS_TOKEN_MAX_DAYS, `must be at most ${ACCESS_TOKEN_MAX_DAYS}`)
    .nullish()
    .transform((v) => v ?? null),
});
