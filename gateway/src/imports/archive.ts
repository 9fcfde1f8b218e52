// Reading an uploaded zip from disk (yauzl: streams entries, checks every entry's actual size
// against the central directory's, refuses unsafe names). Nothing here holds the archive in memory:
// one entry at a time, each at most an activity file's size.
import yauzl from 'yauzl';
import type { Entry, ZipFile, ZipFileOptions } from 'yauzl';
import { MAX_ACTIVITY_FILE_BYTES, parseArchiveFile } from '@maratron/domain';
import type { ActivityFileFormat, ArchiveFile, ArchiveFileName } from '@maratron/domain';
import type { DeflatedContent } from '@maratron/core';

export interface ArchiveLimits {
  /** Sum of the inflated sizes of the entries read (declared, and counted as they inflate). */
  maxUncompressedBytes: number;
  maxEntries: number;
  /** Inflated ÷ compressed size above which an entry is taken for a zip bomb (every entry read). */
  maxCompressionRatio: number;
}

/** An archive we won't read: `status` 413 for a limit, 400 otherwise; the message says which. */
export class ArchiveRefused extends Error {
  override readonly name = 'ArchiveRefused';
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

export interface ActivityEntry {
  /** Position in the central directory: jobs resume by it. */
  index: number;
  fileName: string;
  format: ActivityFileFormat;
  entry: Entry;
}

export interface ArchiveIndex {
  activities: ActivityEntry[];
  /** Strava's activities.csv (names, dates, sports). */
  stravaCsv: Entry | null;
  /** A Maratron export's runs.json (names, dates, visibility, notes, shoes; runs without a track). */
  maratronRuns: Entry | null;
  /** A Maratron export's shoes.json. */
  maratronShoes: Entry | null;
}

const ACTIVITY = /\.(gpx|tcx|fit)(\.gz)?$/i;

export function openZip(file: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    // validateEntrySizes: an entry that inflates past its declared size is an error, so the
    // declared sizes bound what reading can produce. strictFileNames: a backslash name is refused.
    yauzl.open(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: true }, (error, zip) => {
      if (error || !zip) reject(new ArchiveRefused(400, `the upload is not a readable zip archive (${error?.message ?? 'unknown error'})`));
      else resolve(zip);
    });
  });
}

/**
 * The archive's central directory, checked before anything is inflated: unsafe names (absolute,
 * `..`), more entries than the limit, declared sizes past the limit, encrypted entries and zip-bomb
 * compression ratios are refused. The ratio is judged on every entry that will be read, small ones
 * too: real activity files deflate 2–20:1, and many small bombs add up as one big one does.
 * (An entry over the per-file size limit is that file's failure when the job reaches it, unread.)
 */
export function indexArchive(zip: ZipFile, limits: ArchiveLimits): Promise<ArchiveIndex> {
  if (zip.entryCount > limits.maxEntries) {
    return Promise.reject(new ArchiveRefused(413, `the archive has ${zip.entryCount} entries; at most ${limits.maxEntries} are accepted`));
  }
  return new Promise((resolve, reject) => {
    const index: ArchiveIndex = { activities: [], stravaCsv: null, maratronRuns: null, maratronShoes: null };
    let declared = 0;
    let position = 0;
    zip.on('error', (error: Error) =>
      // yauzl refuses absolute and `..` names itself ("invalid relative path", "absolute path").
      reject(new ArchiveRefused(400, `the archive cannot be read safely: ${error.message}`)),
    );
    zip.on('end', () => resolve(index));
    zip.on('entry', (entry: Entry) => {
      const name = entry.fileName;
      const i = position++;
      if (name.split('/').includes('..') || name.startsWith('/') || /^[a-z]:/i.test(name)) {
        return reject(new ArchiveRefused(400, `the archive has an unsafe file name: ${name}`));
      }
      if (name.endsWith('/')) return zip.readEntry();
      const base = name.split('/').pop()!.toLowerCase();
      const match = ACTIVITY.exec(base);
      const wanted = match || base === 'activities.csv' || base === 'runs.json' || base === 'shoes.json';
      if (wanted) {
        if (entry.isEncrypted()) return reject(new ArchiveRefused(400, `the archive entry ${name} is encrypted`));
        declared += entry.uncompressedSize;
        if (declared > limits.maxUncompressedBytes) {
          return reject(new ArchiveRefused(413, `the archive inflates past ${limits.maxUncompressedBytes} bytes`));
        }
        if (entry.uncompressedSize > limits.maxCompressionRatio * Math.max(entry.compressedSize, 1)) {
          return reject(
            new ArchiveRefused(
              400,
              `the archive entry ${name} is compressed ${Math.round(entry.uncompressedSize / Math.max(entry.compressedSize, 1))}:1, which only a zip bomb is`,
            ),
          );
        }
      }
      if (match) index.activities.push({ index: i, fileName: name, format: match[1].toUpperCase() as ActivityFileFormat, entry });
      // The shallowest one wins (an export folder inside the zip is fine; a copy deeper down is not it).
      else if (base === 'activities.csv' && (!index.stravaCsv || depth(name) < depth(index.stravaCsv.fileName))) index.stravaCsv = entry;
      else if (base === 'runs.json' && (!index.maratronRuns || depth(name) < depth(index.maratronRuns.fileName)))
        index.maratronRuns = entry;
      else if (base === 'shoes.json' && (!index.maratronShoes || depth(name) < depth(index.maratronShoes.fileName)))
        index.maratronShoes = entry;
      zip.readEntry();
    });
    zip.readEntry();
  });
}

const depth = (name: string) => name.split('/').length;

/**
 * One entry's bytes, refused past `maxBytes` (an activity file's limit; gzip'ed files are inflated
 * later with the same limit). `counter` adds up what every entry actually inflated to.
 */
export function readEntry(
  zip: ZipFile,
  entry: Entry,
  counter: { bytes: number; limit: number },
  maxBytes = MAX_ACTIVITY_FILE_BYTES,
): Promise<Buffer> {
  if (entry.uncompressedSize > maxBytes) return Promise.reject(new Error(`the file is larger than ${maxBytes / 1024 / 1024} MB`));
  return collectEntry(zip, entry, INFLATED, (chunk) => {
    counter.bytes += chunk.length;
    return counter.bytes > counter.limit ? new ArchiveRefused(413, `the archive inflates past ${counter.limit} bytes`) : null;
  });
}

/** yauzl's defaults: an entry inflated as it is read. */
const INFLATED: ZipFileOptions = { decompress: null, decrypt: null, start: null, end: null };

/**
 * An entry's stream (read with `options`) collected into one buffer. `refuse` sees each chunk as
 * it comes and may end the read with an error.
 */
function collectEntry(
  zip: ZipFile,
  entry: Entry,
  options: ZipFileOptions,
  refuse: (chunk: Buffer) => Error | null = () => null,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, options, (error, stream) => {
      if (error || !stream) return reject(error ?? new Error('unreadable entry'));
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        const refusal = refuse(chunk);
        if (refusal) stream.destroy(refusal);
        else chunks.push(chunk);
      });
      stream.on('error', reject);
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}

/** Deflate, the one compression method besides "stored" that yauzl (and every zip tool) uses. */
const DEFLATE = 8;

/**
 * An activity entry's bytes as the zip stores them, for a reading thread to inflate (see
 * DeflatedContent): a stored entry's bytes as they are, a deflated one's compressed bytes with the
 * size they must inflate to. Inflating here would pass every file through the main thread in 16 KB
 * stream chunks that only a garbage collection frees (measured: 60 MB of them at times during a
 * bulk import). `counter` adds up the declared sizes, which the reading thread holds each entry to.
 */
export function readActivityEntry(
  zip: ZipFile,
  entry: Entry,
  counter: { bytes: number; limit: number },
  maxBytes: number,
): Promise<Uint8Array | DeflatedContent> {
  if (entry.uncompressedSize > maxBytes) return Promise.reject(new Error(`the file is larger than ${maxBytes / 1024 / 1024} MB`));
  counter.bytes += entry.uncompressedSize;
  if (counter.bytes > counter.limit) return Promise.reject(new ArchiveRefused(413, `the archive inflates past ${counter.limit} bytes`));
  if (entry.compressionMethod !== DEFLATE) return collectEntry(zip, entry, INFLATED);
  // Any other method than stored or deflate is yauzl's error ("unsupported compression method"), as before.
  return collectEntry(zip, entry, { ...INFLATED, decompress: false }).then((deflated) => ({ deflated, size: entry.uncompressedSize }));
}

/**
 * One of a Maratron export's JSON files (runs.json, shoes.json), read by the archive format the
 * export writes (domain's archive-format.ts); a file that does not fit it refuses the archive,
 * naming the file and the place in it.
 */
export function readExportFile<F extends ArchiveFileName>(bytes: Buffer, file: F): ArchiveFile<F> {
  const read = parseArchiveFile(file, bytes.toString('utf8'));
  if ('problem' in read) throw new ArchiveRefused(400, read.problem);
  return read.data;
}
