import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

// Bulk imports (POST /api/imports) as GraphQL shows them. String values equal their names.

export enum ImportStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  DONE = 'DONE',
  FAILED = 'FAILED',
}
registerEnumType(ImportStatus, { name: 'ImportStatus' });

/** One file that was skipped (a duplicate, not a run) or failed, or the reason a whole job failed. */
@ObjectType()
export class ImportProblem {
  /** The file's path inside the archive (the archive's own name for a job-wide failure). */
  @Field(() => String) file!: string;
  @Field(() => String) message!: string;
}

@ObjectType()
export class ImportJob {
  @Field(() => ID) id!: string;
  @Field(() => ImportStatus) status!: ImportStatus;
  @Field(() => String, { nullable: true }) fileName!: string | null;
  /** Activities found in the archive. */
  @Field(() => Int) total!: number;
  @Field(() => Int) imported!: number;
  /** Duplicates of runs already stored, and non-running activities. */
  @Field(() => Int) skipped!: number;
  @Field(() => Int) failed!: number;
  @Field(() => [ImportProblem]) problems!: ImportProblem[];
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
  /** Not in the API: whose job it is. */
  userId!: string;
}
