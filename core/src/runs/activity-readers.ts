// Activity files are read on worker threads, never on the main thread: gunzip, XML/FIT decoding and
// the summary are CPU work whose cost the uploader chooses, and on the event loop one crafted file
// would stall every request of every runner (and /healthz) for as long as it takes.
//
// The pool is piscina's (MIT, Node ≥ 20 in its 5.x line): a maintained worker-thread pool that
// starts threads on demand, terminates the thread of a task whose AbortSignal fires (the only way
// to stop synchronous parsing part-way), caps each thread's heap (resourceLimits) and reports a
// thread that died as the task's error. A hand-written pool would have to get each of those right.
import fs from 'node:fs';
import path from 'node:path';
import { Piscina } from 'piscina';
import { tooLarge } from '@maratron/domain';
import type { ActivityFileLimits } from '@maratron/domain';
import type { ActivityFileConfig } from '../config';
import { ActivityRefused, refusalOf, toImportedActivity } from './activity-import';
import type { ActivityFile, ImportedActivity } from './activity-import';
import type { ReadResult, ReadTask } from './activity-worker';

/**
 * Worker threads run JavaScript: the compiled activity-worker.js beside this module, or, when this
 * module runs from its TypeScript source (the test runner), the build of the same file.
 */
const WORKER_FILE = [
  path.join(__dirname, 'activity-worker.js'),
  path.resolve(__dirname, '..', '..', 'dist', 'runs', 'activity-worker.js'),
].find((f) => fs.existsSync(f));

/**
 * Each thread's old-generation heap. A file within the limits needs far less (100,000 points are
 * tens of MB); a file that needs more — a FIT at the byte limit decodes into hundreds of MB — ends
 * its thread instead of growing the process.
 */
const WORKER_HEAP_MB = 256;
/** A thread idle this long exits (a new one starts with the next file). */
const IDLE_MS = 60_000;

export class ActivityReaders {
  private pool: Piscina | null = null;
  private readonly limits: ActivityFileLimits;

  constructor(private readonly config: ActivityFileConfig) {
    this.limits = {
      maxBytes: config.maxDecodedBytes,
      maxDepth: config.maxDepth,
      maxElements: config.maxElements,
      maxPoints: config.maxPoints,
    };
  }

  /**
   * Reads a file on a worker thread (activity-worker.ts, within the limits), then applies the run
   * rules (toImportedActivity). Every problem with the file is an ActivityRefused, BAD_USER_INPUT on
   * `content` — including taking longer than the time budget (TOO_SLOW: its thread is terminated)
   * or more memory than a thread has (TOO_LARGE).
   */
  async read(file: ActivityFile): Promise<ImportedActivity> {
    // GPX/TCX text longer than the limit is too large whatever it says (UTF-8 takes at least a byte a
    // character): refused here rather than copied to a thread first.
    const { content } = file;
    const text = typeof content === 'string' && file.format !== 'FIT' && !content.startsWith('H4sI');
    if (text && content.length > this.limits.maxBytes)
      throw refusalOf({ reason: 'TOO_LARGE', message: tooLarge(file.format, this.limits.maxBytes).message });
    const budget = new AbortController();
    const startedAt = new BigInt64Array(new SharedArrayBuffer(8));
    const timer = this.timeBudget(startedAt, budget);
    let result: ReadResult;
    try {
      const task: ReadTask = { format: file.format, content: file.content, limits: this.limits, startedAt };
      result = await this.threads().run(task, { signal: budget.signal });
    } catch (error) {
      if (budget.signal.aborted) {
        throw new ActivityRefused(
          'TOO_SLOW',
          'content',
          `The ${file.format} file takes longer than ${this.config.parseTimeoutMs / 1000} s to read`,
        );
      }
      if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
        throw new ActivityRefused('TOO_LARGE', 'content', `The ${file.format} file needs more memory to read than one file may use`);
      }
      throw error;
    } finally {
      timer.stop();
    }
    if ('refusal' in result) throw refusalOf(result.refusal);
    return toImportedActivity(file, result.read);
  }

  /** Stops the threads (a shutdown); reads still waiting fail. */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.destroy();
  }

  /**
   * Aborts the task parseTimeoutMs after its thread started on it (`startedAt`, written by the
   * thread): time spent waiting for a free thread, or for a new thread to load its code, is not the
   * file's. Aborting a running task terminates its thread (piscina starts another for the next).
   */
  private timeBudget(startedAt: BigInt64Array, budget: AbortController): { stop(): void } {
    let timer: NodeJS.Timeout;
    const check = () => {
      const started = Number(Atomics.load(startedAt, 0));
      const left = started === 0 ? this.config.parseTimeoutMs : started + this.config.parseTimeoutMs - Date.now();
      if (started !== 0 && left <= 0) budget.abort();
      else timer = setTimeout(check, Math.max(left, 10)).unref();
    };
    timer = setTimeout(check, this.config.parseTimeoutMs).unref();
    return { stop: () => clearTimeout(timer) };
  }

  private threads(): Piscina {
    if (!WORKER_FILE) throw new Error('activity-worker.js is missing: build the gateway first (tsc -b gateway)');
    this.pool ??= new Piscina({
      filename: WORKER_FILE,
      minThreads: 0,
      maxThreads: this.config.parseThreads,
      idleTimeout: IDLE_MS,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: this.config.parseYoungHeapMb },
    });
    return this.pool;
  }
}
