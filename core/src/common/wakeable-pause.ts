import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A polling loop's pause that other code can cut short (new work was queued) or end for good (the
 * loop stops). A wake-up that comes while the loop is busy is kept, so the next pause is skipped
 * instead of sleeping past work that is already waiting.
 */
export class WakeablePause {
  private woken = false;
  private stopped = false;
  private wakeUp = new AbortController();

  /** Sleeps `ms`, or less if woken meanwhile (not at all if woken since the last pause, or stopped). */
  async pause(ms: number): Promise<void> {
    if (!this.woken && !this.stopped) {
      this.wakeUp = new AbortController();
      await sleep(ms, undefined, { signal: this.wakeUp.signal }).catch(() => undefined);
    }
    this.woken = false;
  }

  wake(): void {
    this.woken = true;
    this.wakeUp.abort();
  }

  /** Ends the current pause, and every later one at once. */
  stop(): void {
    this.stopped = true;
    this.wake();
  }
}
