import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

// Bulk imports (POST /api/imports) as GraphQL shows them. String values equal their names.

export enum ImportStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  DONE = 'DONE',
  FAILED = 'FAILED',
}
registerEnumType(ImportStatus, {
  name: 'ImportStatus',
  description: 'The state of a bulk import job.',
  valuesConfig: {
    DONE: { description: 'Every file was processed (some may have failed: see problems).' },
    FAILED: { description: 'The upload as a whole could not be processed (e.g. a corrupt archive).' },
    QUEUED: { description: 'Waiting for a worker.' },
    RUNNING: { description: 'Files are being processed.' },
  },
});

/** One file that was skipped (a duplicate, not a run) or failed, or the reason a whole job failed. */
@ObjectType({ description: 'Why one file of a bulk import was skipped or failed.' })
export class ImportProblem {
  /** The file's path inside the archive (the archive's own name for a job-wide failure). */
  @Field(() => String, { description: "The file's path inside the upload." }) file!: string;
  @Field(() => String, { description: 'What was wrong with it.' }) message!: string;
}

@ObjectType({
  description:
    'A bulk import of activity files (an archive or files uploaded to POST /api/imports), processed in the background. Visible to its owner only.',
})
export class ImportJob {
  @Field(() => ID, { description: "The job's id (a UUID)." }) id!: string;
  @Field(() => ImportStatus, { description: 'Where the job is.' }) status!: ImportStatus;
  @Field(() => String, { description: "The uploaded file's name; null when the upload had none.", nullable: true }) fileName!:
    | string
    | null;
  /** Activities found in the archive. */
  @Field(() => Int, { description: 'Activity files found in the upload.' }) total!: number;
  @Field(() => Int, { description: 'Files turned into runs so far.' }) imported!: number;
  /** Duplicates of runs already stored, and non-running activities. */
  @Field(() => Int, {
    description: 'Files left out: a duplicate of a run already stored (same start and distance), or an activity that is not a run.',
  })
  skipped!: number;
  @Field(() => Int, { description: 'Files that could not be read or stored (see problems).' }) failed!: number;
  @Field(() => [ImportProblem], { description: 'One entry per file skipped or failed, with the reason.' }) problems!: ImportProblem[];
  @Field(() => Date, { description: 'When the upload was accepted.' }) createdAt!: Date;
  @Field(() => Date, { description: 'When processing ended (DONE or FAILED); null while it is queued or running.', nullable: true })
  finishedAt!: Date | null;
  /** Not in the API: whose job it is. */
  userId!: string;
}
