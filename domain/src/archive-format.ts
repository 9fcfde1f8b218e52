// The JSON files of a Maratron account export that the bulk import reads back: runs.json and
// shoes.json. One schema per file, used by both ends — the export encodes what it writes through
// it, the import decodes (and so checks) what it reads through it — so the two cannot drift.
// A file's shape is checked here; the values are the rules' (runs.json's runs are imported
// through the same rules as createRun, so one run with an impossible pace fails on its own).
import { z } from 'zod';

/** A moment: ISO 8601 text with its offset in the file, a Date in the code. */
const timestamp = z.codec(z.iso.datetime({ offset: true, error: 'expected a date and time such as 2025-03-01T08:00:00.000Z' }), z.date(), {
  decode: (text) => new Date(text),
  encode: (date) => date.toISOString(),
});

/** A lap in runs.json: ActivityLap, as Run.laps answers it. */
const exportedLapSchema = z.object({
  index: z.number().int(),
  /** Metres. */
  distance: z.number(),
  /** Timer seconds. */
  duration: z.number().int(),
  /** Seconds per km. */
  pace: z.number(),
  averageHeartRate: z.number().nullable(),
  /** Steps per minute. */
  averageCadence: z.number().nullable(),
});

/** A run in runs.json (its fields in the order the export writes them). */
export const exportedRunSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  startedAt: timestamp,
  /** Metres. */
  distance: z.number(),
  /** Moving time, seconds. */
  duration: z.number(),
  elevationGain: z.number().nullable(),
  averageHeartRate: z.number().nullable(),
  /** From the run's file; absent in archives written before laps and cadence were kept. */
  maxHeartRate: z.number().nullable().default(null),
  /** Steps per minute. */
  averageCadence: z.number().nullable().default(null),
  /** The device's laps (a GPX has no place for them); [] without, and in older archives. */
  laps: z.array(exportedLapSchema).default([]),
  environment: z.string(),
  visibility: z.string(),
  notes: z.string().nullable(),
  /** Its shoe, by the shoe's id in shoes.json; null for none. */
  shoeId: z.string().nullable(),
  /** Its GPX inside the archive (relative to runs.json), or null for a run without a track. */
  file: z.string().nullable(),
});
export type ExportedRun = z.output<typeof exportedRunSchema>;

/** A shoe in shoes.json (every property of a shoe, in the order the export writes them). */
export const exportedShoeSchema = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  brand: z.string().nullable(),
  /** Retirement threshold, metres. */
  maxDistance: z.number(),
  /** Metres the shoe had before it was added to Maratron. */
  initialDistance: z.number(),
  retired: z.boolean(),
  isDefault: z.boolean(),
  createdAt: timestamp,
});
export type ExportedShoe = z.output<typeof exportedShoeSchema>;

/** Each JSON file the import reads, as the export writes it: `{ "<list>": [ … ] }`. */
export const archiveFiles = {
  'runs.json': z.object({ runs: z.array(exportedRunSchema) }),
  'shoes.json': z.object({ shoes: z.array(exportedShoeSchema) }),
};
export type ArchiveFileName = keyof typeof archiveFiles;
export type ArchiveFile<F extends ArchiveFileName> = z.output<(typeof archiveFiles)[F]>;

/** Issues named in a problem; a file with more says how many more. */
const ISSUES_SHOWN = 3;

/**
 * One of the archive's JSON files read and checked: its content, or the problem with it, naming
 * the file and where in it (`runs.json: runs[3].startedAt: expected a date and time …`).
 */
export function parseArchiveFile<F extends ArchiveFileName>(file: F, text: string): { data: ArchiveFile<F> } | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { problem: `${file} is not valid JSON` };
  }
  const parsed = archiveFiles[file].safeParse(json);
  if (parsed.success) return { data: parsed.data as ArchiveFile<F> };
  const issues = parsed.error.issues;
  const shown = issues.slice(0, ISSUES_SHOWN).map((issue) => `${issuePath(issue.path)}${issue.message}`);
  const more = issues.length > ISSUES_SHOWN ? ` (and ${issues.length - ISSUES_SHOWN} more)` : '';
  return { problem: `${file}: ${shown.join('; ')}${more}` };
}

/** `runs[3].startedAt: `, as the place shows in the file; nothing for the file as a whole. */
function issuePath(path: readonly PropertyKey[]): string {
  if (!path.length) return '';
  return `${path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i ? '.' : ''}${String(key)}`)).join('')}: `;
}
