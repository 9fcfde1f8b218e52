import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { promisify } from 'node:util';

const openFile = promisify(fs.open);
const closeFile = promisify(fs.close);
const statFile = promisify(fs.fstat);
const unlinkFile = promisify(fs.unlink);

/** A body written to disk, to be read back from its start. */
export interface SpooledFile {
  size: number;
  /** A stream of the whole file, from the start (one at a time). */
  read(): Readable;
  /** Frees the file (safe to call again). */
  close(): Promise<void>;
}

/**
 * Writes a body to an anonymous temporary file: created readable by this user only and
 * unlinked as soon as it is open, so its data (an account export is private) is gone when the
 * file is closed, however the process ends. Where temporary files go is os.tmpdir() (TMPDIR).
 *
 * The file is used through its descriptor; the streams over it never close it, and `close()`
 * waits until they have stopped, so no read or write is still in flight when it is closed.
 */
export async function spoolToFile(write: (out: Writable) => Promise<void>): Promise<SpooledFile> {
  const file = path.join(os.tmpdir(), `maratron-download-${randomUUID()}`);
  const fd = await openFile(file, 'wx+', 0o600);
  const streams: (Readable | Writable)[] = [];
  let closed = false;
  const spooled: SpooledFile = {
    size: 0,
    read() {
      const stream = fs.createReadStream(file, { fd, start: 0, autoClose: false });
      streams.push(stream);
      return stream;
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const stream of streams) {
        if (!stream.closed) {
          const done = once(stream, 'close').catch(() => undefined);
          stream.destroy();
          await done;
        }
      }
      await closeFile(fd);
    },
  };
  try {
    await unlinkFile(file);
    const out = fs.createWriteStream(file, { fd, start: 0, autoClose: false });
    streams.push(out);
    // `write` resolves once `out` has finished: every byte is in the file.
    await write(out);
    spooled.size = (await statFile(fd)).size;
    return spooled;
  } catch (error) {
    await spooled.close();
    throw error;
  }
}
