import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { TrainingLevel, Weekday } from '../graphql/enums';
import { User } from './user.entity';

/**
 * What the coach and the plan generator know about a runner beyond their runs. A table of
 * its own (not columns on users) because it is private: profiles are public, this is not.
 */
@ObjectType({ simpleResolvers: true })
@Entity({ name: 'training_profiles' })
export class TrainingProfile {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Field(() => TrainingLevel, { nullable: true })
  @Column({ type: 'varchar', length: 16, nullable: true })
  level!: TrainingLevel | null;

  @Field(() => [String])
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  goals!: string[];

  /** Metres per week. */
  @Field(() => Float, { nullable: true })
  @Column({ name: 'weekly_distance_goal', type: 'double precision', nullable: true })
  weeklyDistanceGoal!: number | null;

  @Field(() => [Weekday])
  @Column({ name: 'preferred_days', type: 'varchar', array: true, default: () => "'{}'" })
  preferredDays!: Weekday[];

  @Field(() => Int, { nullable: true })
  @Column({ name: 'years_running', type: 'int', nullable: true })
  yearsRunning!: number | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'injury_notes', type: 'text', nullable: true })
  injuryNotes!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
