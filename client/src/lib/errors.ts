import { ApolloError } from '@apollo/client';

/** What a form shows: one message for the whole form and one per field the server named. */
export interface FormErrors {
  form?: string;
  fields: Record<string, string>;
}

/** The message a person should read for any error the client can meet. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApolloError) {
    if (error.graphQLErrors.length) return error.graphQLErrors.map((e) => e.message).join(' ');
    const network = error.networkError as (Error & { statusCode?: number; result?: { errors?: { message: string }[] } }) | null;
    const serverErrors = network?.result?.errors;
    if (serverErrors?.length) return serverErrors.map((e) => e.message).join(' ');
    if (network)
      return network.statusCode
        ? `The server answered ${network.statusCode}. Please try again.`
        : 'Cannot reach Maratron. Check your connection and try again.';
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * BAD_USER_INPUT errors name the input field in `extensions.field` (`distance`,
 * `input.distance`…): their message, a sentence that reads on its own, is shown beside that
 * field. Everything else is a form-level message.
 */
export function formErrors(error: unknown, knownFields: readonly string[]): FormErrors {
  const result: FormErrors = { fields: {} };
  if (error instanceof ApolloError && error.graphQLErrors.length) {
    const rest: string[] = [];
    for (const e of error.graphQLErrors) {
      const raw = e.extensions?.code === 'BAD_USER_INPUT' ? e.extensions?.field : undefined;
      const field = typeof raw === 'string' ? raw.split('.').pop()! : undefined;
      if (field && knownFields.includes(field)) result.fields[field] = e.message;
      else rest.push(e.message);
    }
    if (rest.length) result.form = rest.join(' ');
    return result;
  }
  result.form = errorMessage(error);
  return result;
}

/** The error's code (`NOT_FOUND`, `FORBIDDEN`…), when the server gave one. */
export function errorCode(error: unknown): string | undefined {
  if (error instanceof ApolloError) return error.graphQLErrors[0]?.extensions?.code as string | undefined;
  return undefined;
}

/**
 * signIn answers UNAUTHENTICATED with `extensions.twoFactorRequired` when the account has
 * two-step sign-in on and the request had no valid code: the form then asks for one.
 */
export function twoFactorRequired(error: unknown): boolean {
  return (
    error instanceof ApolloError &&
    error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED' && e.extensions?.twoFactorRequired === true)
  );
}
