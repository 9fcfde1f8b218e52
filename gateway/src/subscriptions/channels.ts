import { parseId } from '@maratron/domain';
import { requireViewer } from '@maratron/core';
import type { RequestContext, RequestDb, Topic, Topics, Services, AudienceScope } from '@maratron/core';

/** One subscriber of a live channel, as the dispatcher keeps it (dispatcher.ts). */
export interface Subscriber {
  viewerId: string;
  args: Record<string, unknown>;
}

/**
 * How one Subscription field is served: which topics feed it, how subscribers and events
 * are matched (by key, so an event only looks at the subscribers it can concern), who may
 * subscribe, and who of the matched subscribers receives an event — always through the
 * domain's own rule (`canViewPost`, membership, the follow graph), never a copy of it.
 */
export interface Channel<T extends Topic = Topic> {
  topics: readonly T[];
  /** Index key of a subscription (e.g. the post it watches). */
  keyOf(args: Record<string, unknown>, viewerId: string): string;
  /** The key of the subscribers an event concerns. */
  keyOfEvent(payload: Topics[T]): string;
  /** Checked when subscribing: throws a DomainError (UNAUTHENTICATED, NOT_FOUND, FORBIDDEN). */
  authorize(ctx: RequestContext, args: Record<string, unknown>): Promise<void>;
  /** Which of the matched subscribers receive these events (one event, or a coalesced burst). */
  audience<S extends Subscriber>(db: RequestDb, payloads: Topics[T][], subscribers: S[]): Promise<S[]>;
  /**
   * The runners whose own things the event delivers (a post's author: their run, its track), for
   * documents that select OWNER_VIEW fields; without it such documents run once per viewer.
   */
  ownersOf?(payloads: Topics[T][]): Set<string>;
  /** The event's result depends on who receives it (their notification, their leaderboard). */
  rootPerViewer: boolean;
  /** Bursts collapse into one update per subscriber (a leaderboard is recomputed, not patched). */
  coalesce: boolean;
}

const EVERYONE = '*';
const viewers = (subscribers: Subscriber[]) => [...new Set(subscribers.map((s) => s.viewerId))];

function channel<T extends Topic>(def: Channel<T>): Channel {
  return def as unknown as Channel;
}

export function createChannels(s: Services): Record<string, Channel> {
  /** A post's audience: who may see it (scope `post`), and whose feed it enters (`feed`). */
  const postAudience =
    (scope: AudienceScope) =>
    async <S extends Subscriber>(db: RequestDb, payloads: { postId: string }[], subscribers: S[]): Promise<S[]> => {
      const allowed = await s.posts.audience(db, payloads[0].postId, viewers(subscribers), scope);
      return subscribers.filter((sub) => allowed.has(sub.viewerId));
    };
  const watchedPost = (args: Record<string, unknown>) => parseId(String(args.postId), 'postId');
  /** Live changes of one post (its counts, its comments), for whoever may see the post. */
  const watchedPostChannel = <T extends 'post.updated' | 'comment.created'>(topic: T) =>
    channel({
      topics: [topic],
      keyOf: watchedPost,
      keyOfEvent: (e) => e.postId,
      authorize: async (ctx, args) => void (await s.posts.require(ctx, String(args.postId))),
      audience: postAudience('post'),
      rootPerViewer: false,
      coalesce: false,
    });

  return {
    feedPostAdded: channel({
      topics: ['post.created'],
      keyOf: () => EVERYONE,
      keyOfEvent: () => EVERYONE,
      authorize: async (ctx) => void requireViewer(ctx),
      audience: postAudience('feed'),
      // A post shares only its author's own run (PostsService.create).
      ownersOf: (payloads) => new Set(payloads.map((p) => p.authorId)),
      rootPerViewer: false,
      coalesce: false,
    }),
    postUpdated: watchedPostChannel('post.updated'),
    commentAdded: watchedPostChannel('comment.created'),
    notificationAdded: channel({
      topics: ['notification.created'],
      keyOf: (_args, viewerId) => viewerId,
      keyOfEvent: (e) => e.userId,
      authorize: async (ctx) => void requireViewer(ctx),
      audience: async (_db, _payloads, subscribers) => subscribers,
      rootPerViewer: true,
      coalesce: false,
    }),
    leaderboardUpdated: channel({
      topics: ['run.created', 'leaderboard.changed'],
      keyOf: () => EVERYONE,
      keyOfEvent: () => EVERYONE,
      authorize: (ctx, args) => s.leaderboards.assertCanWatch(ctx, args.groupId as string | null | undefined),
      audience: async (db, payloads, subscribers) => {
        const boards = subscribers.map((sub) => ({
          viewerId: sub.viewerId,
          groupId: (sub.args.groupId as string | null | undefined)?.toLowerCase() ?? null,
        }));
        const moved = await s.leaderboards.audience(
          db,
          payloads.map((p) => p.userId),
          boards,
        );
        return subscribers.filter((_, i) => moved[i]);
      },
      rootPerViewer: true,
      coalesce: true,
    }),
    importProgress: channel({
      topics: ['import.progress'],
      keyOf: (args) => parseId(String(args.jobId), 'jobId'),
      keyOfEvent: (e) => e.jobId,
      // Only the job's owner may follow it (someone else's job reads as missing).
      authorize: async (ctx, args) => void (await s.imports.require(ctx, String(args.jobId))),
      audience: async (_db, payloads, subscribers) => subscribers.filter((sub) => sub.viewerId === payloads[0].userId),
      rootPerViewer: false,
      // A burst of progress collapses into one update: each reads the job as it is now.
      coalesce: true,
    }),
    // The conversation's owner alone: subscriptions and chunks are keyed by viewer and conversation,
    // so knowing someone else's conversation id matches nothing.
    coachReplyChunk: channel({
      topics: ['coach.chunk'],
      keyOf: (args, viewerId) => `${viewerId}:${parseId(String(args.conversationId), 'conversationId')}`,
      keyOfEvent: (e) => `${e.userId}:${e.conversationId}`,
      authorize: async (ctx, args) => void (requireViewer(ctx), parseId(String(args.conversationId), 'conversationId')),
      audience: async (_db, _payloads, subscribers) => subscribers,
      rootPerViewer: true,
      coalesce: false,
    }),
  };
}
