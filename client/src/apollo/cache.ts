import { InMemoryCache } from '@apollo/client';
import type { ApolloCache, FieldFunctionOptions, Reference, StoreObject } from '@apollo/client';
import type { Modifiers } from '@apollo/client/cache';
import { relayStylePagination } from '@apollo/client/utilities';

/** `run(id)`, `post(id)`… read the normalized object the cache already has, if any. */
const byId = (__typename: string) => ({
  read: (_: unknown, { args, toReference }: FieldFunctionOptions) =>
    args?.id ? toReference({ __typename, id: args.id as string }) : undefined,
});

/**
 * Connections are merged page by page (Apollo's relayStylePagination: `after` appends, a
 * first page replaces), keyed by the arguments that select a different list — never by
 * `first`/`after`. Extra connection fields (totalCount, unreadCount) ride along.
 */
export function createCache() {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          runs: relayStylePagination(['userId', 'from', 'to']),
          feed: relayStylePagination(),
          notifications: relayStylePagination(),
          groups: relayStylePagination(['query']),
          run: byId('Run'),
          post: byId('Post'),
          group: byId('Group'),
          importJob: byId('ImportJob'),
          coachConversation: byId('CoachConversation'),
        },
      },
      User: { fields: { runs: relayStylePagination(), trainingProfile: { merge: true } } },
      Group: { fields: { posts: relayStylePagination(), members: relayStylePagination() } },
      Post: { fields: { comments: relayStylePagination() } },
      // Entries have no id: a leaderboard is one value, replaced as a whole.
      LeaderboardEntry: { keyFields: false },
      TrainingSummary: { keyFields: false },
    },
  });
}

type ModifierDetails = Parameters<Extract<Modifiers[string], (...args: never[]) => unknown>>[1];

interface StoredConnection {
  edges: { __typename?: string; cursor: string; node: Reference }[];
  totalCount?: number;
  unreadCount?: number;
  [extra: string]: unknown;
}

/**
 * Puts a freshly created or pushed object at the head of every stored page of a connection
 * field (all argument variants `accept` allows), unless it is already there — so a mutation
 * or subscription event shows up without refetching the list. Counts go up by one.
 */
export function prependToConnection(
  cache: ApolloCache<unknown>,
  opts: {
    id?: string;
    field: string;
    edgeTypename: string;
    node: StoreObject | Reference;
    accept?: (storeFieldName: string) => boolean;
    countField?: 'totalCount' | 'unreadCount' | null;
  },
) {
  const ref = '__ref' in opts.node ? (opts.node as Reference) : cache.identify(opts.node as StoreObject);
  if (!ref) return;
  const nodeRef: Reference = typeof ref === 'string' ? { __ref: ref } : ref;
  cache.modify({
    id: opts.id ?? 'ROOT_QUERY',
    fields: {
      [opts.field](existing: StoredConnection | undefined, { storeFieldName, readField }: ModifierDetails) {
        if (!existing?.edges || (opts.accept && !opts.accept(storeFieldName))) return existing;
        if (existing.edges.some((e) => readField('id', e.node) === readField('id', nodeRef))) return existing;
        const next: StoredConnection = {
          ...existing,
          edges: [{ __typename: opts.edgeTypename, cursor: '', node: nodeRef }, ...existing.edges],
        };
        const countField = opts.countField === undefined ? 'totalCount' : opts.countField;
        if (countField && typeof existing[countField] === 'number') next[countField] = (existing[countField] as number) + 1;
        return next;
      },
    } as Modifiers,
  });
}

/** Appends at the tail (comments read oldest first). */
export function appendToConnection(
  cache: ApolloCache<unknown>,
  opts: { id: string; field: string; edgeTypename: string; node: StoreObject },
) {
  const id = cache.identify(opts.node);
  if (!id) return;
  const nodeRef: Reference = { __ref: id };
  cache.modify({
    id: opts.id,
    fields: {
      [opts.field](existing: StoredConnection | undefined, { readField }: ModifierDetails) {
        if (!existing?.edges) return existing;
        if (existing.edges.some((e) => readField('id', e.node) === id.replace(/^[^:]+:/, ''))) return existing;
        return {
          ...existing,
          edges: [...existing.edges, { __typename: opts.edgeTypename, cursor: '', node: nodeRef }],
          ...(typeof existing.totalCount === 'number' ? { totalCount: existing.totalCount + 1 } : {}),
        };
      },
    } as Modifiers,
  });
}

/**
 * Removes a deleted object: evicting it makes every list that pointed at it skip it
 * (relayStylePagination reads only edges whose node is still readable); counts go down.
 */
export function removeFromCache(cache: ApolloCache<unknown>, object: StoreObject, counted: { id?: string; field: string }[] = []) {
  const id = cache.identify(object);
  if (!id) return;
  for (const c of counted) {
    cache.modify({
      id: c.id ?? 'ROOT_QUERY',
      fields: {
        [c.field](existing: StoredConnection | undefined, { readField }: ModifierDetails) {
          if (!existing?.edges || typeof existing.totalCount !== 'number') return existing;
          const had = existing.edges.some((e) => readField('id', e.node) === object.id);
          return had ? { ...existing, totalCount: existing.totalCount - 1 } : existing;
        },
      } as Modifiers,
    });
  }
  cache.evict({ id });
  cache.gc();
}

/**
 * Aggregates the server derives from runs (stats, training summary, shoe distances): after a
 * run changes they are dropped, so whatever shows them next asks again — only those fields,
 * not the world.
 */
export function invalidateRunAggregates(cache: ApolloCache<unknown>, viewerId: string | undefined) {
  cache.evict({ id: 'ROOT_QUERY', fieldName: 'trainingSummary' });
  cache.evict({ id: 'ROOT_QUERY', fieldName: 'shoes' });
  cache.evict({ id: 'ROOT_QUERY', fieldName: 'leaderboard' });
  if (viewerId) {
    const me = cache.identify({ __typename: 'User', id: viewerId });
    cache.evict({ id: me, fieldName: 'stats' });
    cache.evict({ id: me, fieldName: 'shoes' });
  }
  cache.gc();
}

/** Adds an object at the end of a plain root list field (privacyZones…), unless it is there. */
export function appendToList(cache: ApolloCache<unknown>, field: string, node: StoreObject) {
  const id = cache.identify(node);
  if (!id) return;
  cache.modify({
    fields: {
      [field](existing: readonly Reference[] | undefined, { readField }: ModifierDetails) {
        if (!existing || existing.some((r) => readField('id', r) === node.id)) return existing;
        return [...existing, { __ref: id }];
      },
    } as Modifiers,
  });
}

/** Drops an object from a plain root list field (followRequests, blockedUsers, sessions…) without asking the server again. */
export function dropFromList(cache: ApolloCache<unknown>, field: string, id: string) {
  cache.modify({
    fields: {
      [field](existing: readonly Reference[] | undefined, { readField }: ModifierDetails) {
        return existing?.filter((r) => readField('id', r) !== id);
      },
    } as Modifiers,
  });
}
