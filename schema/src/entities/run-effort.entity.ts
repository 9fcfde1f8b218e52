import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { RaceDistanceKey } from '@maratron/domain';
import { Run } from './run.entity';
import { User } from './user.entity';

/**
 * A run's best time over one race distance (bestEffortsForRun), stored when the run is written so
 * personal records and VDOT are one indexed query. `userId` and `startedAt` repeat the run's, for
 * that index; the service keeps them in step when the run changes.
 */
@Entity({ name: 'run_efforts' })
export class RunEffort {
  @PrimaryColumn({ name: 'run_id', type: 'uuid' })
  runId!: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  distance!: RaceDistanceKey;

  @ManyToOne(() => Run, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id' })
  run?: Run;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  /** Seconds. */
  @Column({ type: 'int' })
  duration!: number;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;
}
