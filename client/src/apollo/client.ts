import { ApolloClient, HttpLink, from, split } from '@apollo/client';
import { setContext } from '@apollo/client/link/context';
import { onError } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { useSyncExternalStore } from 'react';
import { createClient } from 'graphql-ws';
import { createCache } from './cache';
import { session } from './session';

export type LiveStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting';

/** The WebSocket's state, for the "Live" indicator and for code that must wait for it. */
let liveStatus: LiveStatus = 'idle';
const liveListeners = new Set<() => void>();
function setLiveStatus(next: LiveStatus) {
  if (next === liveStatus) return;
  liveStatus = next;
  liveListeners.forEach((l) => l());
}
const subscribeLive = (l: () => void) => {
  liveListeners.add(l);
  return () => liveListeners.delete(l);
};
export const useLiveStatus = () => useSyncExternalStore(subscribeLive, () => liveStatus);

/** Resolves once the WebSocket is connected (or after `timeoutMs`, so nothing waits forever). */
export function whenLive(timeoutMs = 5000): Promise<boolean> {
  if (liveStatus === 'connected') return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      stop();
      resolve(false);
    }, timeoutMs);
    const stop = subscribeLive(() => {
      if (liveStatus !== 'connected') return;
      clearTimeout(timer);
      stop();
      resolve(true);
    });
  });
}

const wsUrl = () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;

let activeSocket: WebSocket | null = null;
let everConnected = false;

/**
 * graphql-ws: connects when the first subscription starts, authenticates in connectionParams
 * (read afresh on every connection, so a new sign-in takes effect on reconnect), and retries
 * forever with capped, jittered exponential backoff — a restarted gateway or a flaky phone
 * connection resumes live updates by itself.
 */
export const wsClient = createClient({
  url: wsUrl,
  lazy: true,
  lazyCloseTimeout: 3000,
  keepAlive: 20_000,
  retryAttempts: Infinity,
  shouldRetry: () => true,
  retryWait: async (retries) => {
    const delay = Math.min(10_000, 500 * 2 ** retries) * (0.5 + Math.random() / 2);
    await new Promise((resolve) => setTimeout(resolve, delay));
  },
  connectionParams: () => (session.token ? { authorization: `Bearer ${session.token}` } : {}),
  on: {
    connecting: () => setLiveStatus(everConnected ? 'reconnecting' : 'connecting'),
    connected: (socket) => {
      activeSocket = socket as WebSocket;
      everConnected = true;
      setLiveStatus('connected');
    },
    closed: () => {
      activeSocket = null;
      setLiveStatus(everConnected ? 'reconnecting' : 'idle');
    },
  },
});

/** Reconnects with the current token (sign-in, sign-out); subscriptions resume by themselves. */
export function restartLive() {
  if (activeSocket?.readyState === WebSocket.OPEN) activeSocket.close(4205, 'Client Restart');
}

const httpLink = new HttpLink({ uri: '/graphql' });

const authLink = setContext((_, { headers }) => ({
  headers: { ...headers, ...(session.token ? { authorization: `Bearer ${session.token}` } : {}) },
}));

/**
 * A token the server no longer accepts (expired, account deleted, its session signed out or
 * revoked from another device) signs the runner out: a 401, or UNAUTHENTICATED in the answer
 * (except signIn's "two-step code needed", which is a question, not a refusal).
 */
const signOutOnInvalidToken = onError(({ networkError, graphQLErrors }) => {
  if (!session.token) return;
  const refused =
    (networkError && 'statusCode' in networkError && networkError.statusCode === 401) ||
    graphQLErrors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED' && !e.extensions?.twoFactorRequired);
  if (refused) session.set(null);
});

const isSubscription = ({ query }: { query: Parameters<typeof getMainDefinition>[0] }) => {
  const def = getMainDefinition(query);
  return def.kind === 'OperationDefinition' && def.operation === 'subscription';
};

export const apolloClient = new ApolloClient({
  cache: createCache(),
  link: split(isSubscription, new GraphQLWsLink(wsClient), from([signOutOnInvalidToken, authLink, httpLink])),
  defaultOptions: { watchQuery: { notifyOnNetworkStatusChange: true } },
});

// Whoever signs in or out, nothing of the previous runner's data stays in memory.
let lastToken = session.token;
session.subscribe(() => {
  if (session.token === lastToken) return;
  lastToken = session.token;
  restartLive();
  if (!session.keptRunner) void apolloClient.clearStore();
});
