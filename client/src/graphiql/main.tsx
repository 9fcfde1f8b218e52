// The API explorer the gateway serves at GET /graphql: GraphiQL, bundled with the client by Vite
// (nothing loads from a CDN; its Monaco editor workers are files of this build too). It calls the
// API on this origin as the runner signed in to the web client: their token, which the client keeps
// in localStorage (../apollo/session), goes as the Authorization header on every request and in
// the graphql-ws connection of subscriptions, unless the headers tab sets one of its own.
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createClient } from 'graphql-ws';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { session } from '../apollo/session';

const url = new URL('/graphql', window.location.href);
const wsUrl = new URL(url);
wsUrl.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';

/** fetch with the runner's token, read at each request (a sign-in in another tab counts at once). */
const fetchWithToken: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  if (session.token && !headers.has('authorization')) headers.set('authorization', `Bearer ${session.token}`);
  return fetch(input, { ...init, headers });
};

const fetcher = createGraphiQLFetcher({
  url: url.href,
  fetch: fetchWithToken,
  wsClient: createClient({
    url: wsUrl.href,
    lazy: true,
    connectionParams: () => (session.token ? { authorization: `Bearer ${session.token}` } : {}),
  }),
});

const signedIn = session.token !== null;
const defaultQuery = signedIn
  ? `# Maratron's GraphQL API, as the runner signed in to the web client (their token is sent).
# Distances are metres, durations seconds, paces seconds per km: see the docs (the book icon).

query Me {
  me {
    id
    username
    runs(first: 5) {
      edges { node { id startedAt distance duration pace } }
    }
  }
}
`
  : `# Maratron's GraphQL API. You are not signed in: every field but \`me\` needs a runner.
# Sign in to the web client on this site (this page then sends your token), or set
# { "Authorization": "Bearer <token>" } in the headers tab below.

query Me {
  me {
    id
  }
}
`;

createRoot(document.getElementById('graphiql')!).render(
  <StrictMode>
    <GraphiQL fetcher={fetcher} defaultQuery={defaultQuery} />
  </StrictMode>,
);
