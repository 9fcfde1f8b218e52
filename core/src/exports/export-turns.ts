import { rateLimited, serviceUnavailable } from '@maratron/domain';
import type { ExportLimits } from '../config';

/** When a runner whose export is under way may try again. */
const RETRY_OWN_EXPORT_SECONDS = 10;
/** When to try again while the process's export readers are all busy (an export reads for seconds). */
const RETRY_BUSY_SECONDS = 5;

/** One export under way; each end is safe to call more than once. */
export interface ExportTurn {
  /** Its data is read: the database connection it held is free for another export. */
  doneReading(): void;
  /** The download has ended, sent or not. */
  finished(): void;
}

/**
 * How many account exports run at once in this process: per runner from the request to the
 * last byte (EXPORT_MAX_CONCURRENT_PER_USER; a second one is RATE_LIMITED), and in all while
 * they read the database, each on a pooled connection (EXPORT_MAX_CONCURRENT; past it
 * SERVICE_UNAVAILABLE), so exports never take the pool from everything else.
 */
export class ExportTurns {
  private readonly perRunner = new Map<string, number>();
  private reading = 0;

  constructor(private readonly limits: ExportLimits) {}

  /** A turn for `userId`'s export, or the error that refuses it. */
  take(userId: string): ExportTurn {
    const theirs = this.perRunner.get(userId) ?? 0;
    if (theirs >= this.limits.perUser) {
      const many = this.limits.perUser === 1 ? 'one at a time' : `${this.limits.perUser} at a time`;
      throw rateLimited(
        RETRY_OWN_EXPORT_SECONDS,
        `An export of this account is already under way (${many}); try again once it has finished`,
      );
    }
    if (this.reading >= this.limits.reading) {
      throw serviceUnavailable('Too many exports are being prepared right now; try again in a few seconds', RETRY_BUSY_SECONDS);
    }
    this.perRunner.set(userId, theirs + 1);
    this.reading += 1;
    let reading = true;
    let underWay = true;
    const doneReading = () => {
      if (!reading) return;
      reading = false;
      this.reading -= 1;
    };
    return {
      doneReading,
      finished: () => {
        doneReading();
        if (!underWay) return;
        underWay = false;
        const left = (this.perRunner.get(userId) ?? 1) - 1;
        if (left > 0) this.perRunner.set(userId, left);
        else this.perRunner.delete(userId);
      },
    };
  }
}
