import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import type { ActivitySplit, RecordedPoint } from '@maratron/domain';
import { Run } from './run.entity';

/**
 * What an imported run keeps of its file: the recording (for the map and the GPX export) and the
 * kilometre splits computed at import. One row per imported run; manual runs have none.
 */
@Entity({ name: 'run_tracks' })
export class RunTrack {
  @PrimaryColumn({ name: 'run_id', type: 'uuid' })
  runId!: string;

  @OneToOne(() => Run, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id' })
  run?: Run;

  /** The file's format: GPX or TCX. */
  @Column({ name: 'source_format', type: 'varchar', length: 8 })
  sourceFormat!: string;

  /** Segments of [lat, lon, elevation | null, seconds after the start | null, heart rate | null]. */
  @Column({ type: 'json' })
  segments!: RecordedPoint[][];

  @Column({ type: 'json' })
  splits!: ActivitySplit[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
