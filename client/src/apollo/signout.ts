import { useApolloClient } from '@apollo/client';
import type { ApolloClient } from '@apollo/client';
import { useCallback } from 'react';
import { SignOutMutation } from '../api/operations';
import { session } from './session';

/**
 * Ends the session on the server (its token is refused from then on, everywhere), then drops
 * the token here. The token goes even when the server cannot be reached: signing out on this
 * device must always work.
 */
export async function signOut(client: ApolloClient<unknown>) {
  try {
    if (session.token) await client.mutate({ mutation: SignOutMutation });
  } catch {
    // Already ended (revoked elsewhere, expired) or the server is away: nothing to undo.
  } finally {
    session.set(null);
  }
}

export function useSignOut() {
  const client = useApolloClient();
  return useCallback(() => signOut(client), [client]);
}
