import type { ImportJob } from '@maratron/schema';
import { select } from '../database/columns';
import type { ColumnMap } from '../database/columns';

/** Columns of `import_jobs` as ImportJob properties. */
export const IMPORT_JOB_FIELDS: ColumnMap<ImportJob> = {
  table: 'import_jobs',
  fields: {
    id: 'id',
    userId: 'user_id',
    status: 'status',
    fileName: 'file_name',
    total: 'total',
    imported: 'imported',
    skipped: 'skipped',
    failed: 'failed',
    problems: 'problems',
    createdAt: 'created_at',
    finishedAt: 'finished_at',
  },
  unmapped: {
    archive_path: "the upload on the worker's disk: the importer's, never shown",
    next_entry: "where an interrupted job resumes: the importer's",
    heartbeat_at: "the worker's last sign of life (a stale RUNNING job is taken over): the importer's",
  },
};
export const IMPORT_JOB_COLUMNS = select('j', IMPORT_JOB_FIELDS);
