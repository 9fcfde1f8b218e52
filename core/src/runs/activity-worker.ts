// The worker thread's side of ActivityReaders (activity-readers.ts): one file read per task.
// Errors cross the thread boundary as plain data (a structured clone keeps an Error's message but
// not its class or code), and are turned back into the same errors on the main thread.
import { DomainError } from '@maratron/domain';
import type { ActivityFileErrorCode, ActivityFileLimits, DomainErrorCode } from '@maratron/domain';
import { ActivityRefused, readActivity } from './activity-import';
import type { ActivityFile, ImportedActivity } from './activity-import';

export interface ReadTask {
  file: ActivityFile;
  limits: ActivityFileLimits;
  /** Shared with the main thread: this thread writes when it started on the task (ms since the epoch), so its time budget leaves out a cold thread's start-up. */
  startedAt: BigInt64Array;
}

/** What readActivity refused, as data. */
export interface Refusal {
  code: DomainErrorCode;
  /** ActivityRefused's reason; undefined for any other DomainError. */
  reason?: ActivityFileErrorCode | null;
  field?: string;
  message: string;
}

export type ReadResult = { activity: ImportedActivity } | { refusal: Refusal };

export default function read({ file, limits, startedAt }: ReadTask): ReadResult {
  Atomics.store(startedAt, 0, BigInt(Date.now()));
  try {
    return { activity: readActivity(file, limits) };
  } catch (error) {
    if (error instanceof ActivityRefused) return { refusal: { code: error.code, reason: error.reason, field: error.field, message: error.message } };
    if (error instanceof DomainError) return { refusal: { code: error.code, field: error.field, message: error.message } };
    throw error;
  }
}

/** A refusal back as the error readActivity threw. */
export function refusalError(refusal: Refusal): DomainError {
  if (refusal.reason !== undefined) return new ActivityRefused(refusal.reason, refusal.field ?? 'content', refusal.message);
  return new DomainError(refusal.code, refusal.message, refusal.field);
}
