import type { SubscribeResolverData } from 'type-graphql';
import type { RequestContext } from '@maratron/core';

/**
 * What a subscription field's `subscribe` returns: which live channel, with which arguments,
 * for whom. It is the AsyncGenerator graphql-ws holds for the operation, but it never yields:
 * the dispatcher (dispatcher.ts) computes each event's result once per group of
 * subscribers that share it and writes the serialised frame to their sockets itself. The
 * generator ends when the client completes the operation or disconnects (graphql-ws calls
 * `return()`), or when the server shuts down.
 */
export class LiveSource implements AsyncGenerator<never, undefined> {
  private ended = false;
  private readonly waiting: ((result: IteratorResult<never, undefined>) => void)[] = [];
  private readonly endListeners: (() => void)[] = [];

  constructor(
    /** The Subscription field, which names its channel. */
    readonly field: string,
    readonly args: Record<string, unknown>,
    readonly viewerId: string | null,
  ) {}

  get isEnded(): boolean {
    return this.ended;
  }

  onEnd(listener: () => void): void {
    if (this.ended) listener();
    else this.endListeners.push(listener);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    for (const listener of this.endListeners.splice(0)) listener();
    for (const resolve of this.waiting.splice(0)) resolve({ done: true, value: undefined });
  }

  next(): Promise<IteratorResult<never, undefined>> {
    if (this.ended) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  async return(): Promise<IteratorResult<never, undefined>> {
    this.end();
    return { done: true, value: undefined };
  }

  async throw(error: unknown): Promise<IteratorResult<never, undefined>> {
    this.end();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.end();
  }
}

/** `@Subscription(() => T, { subscribe: live('fieldName') })`: the field is served by the live dispatcher. */
export function live(field: string) {
  return ({ args, context }: SubscribeResolverData<unknown, Record<string, unknown>, RequestContext>) =>
    new LiveSource(field, args, context.viewerId);
}
