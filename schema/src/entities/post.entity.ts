import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';
import { Visibility } from '../graphql/enums';
import { Group } from './group.entity';
import { Run } from './run.entity';
import { User } from './user.entity';

/**
 * A post in the feed: text, optionally sharing one of the author's runs, optionally in a
 * group. `author`, `run`, `group`, the counts and the comments are resolved by the gateway.
 *
 * `visibility` is the post's effective visibility (not a GraphQL field): the shared run's
 * visibility, PUBLIC for a post without a run. The database keeps it so (a trigger copies the
 * run's visibility on insert and whenever the run's visibility changes), so a post is never
 * more visible than its run whichever process writes. Group posts are further limited by the
 * group: a private group's posts reach its members only (rules/visibility.ts `canViewPost`).
 */
@ObjectType()
@Entity({ name: 'posts' })
export class Post {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The author. Named like every owned row's `user_id` so the visibility rule reads it. */
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  /** Set to null when the run is deleted; the post keeps the run's last visibility. */
  @Column({ name: 'run_id', type: 'uuid', nullable: true })
  runId!: string | null;

  @ManyToOne(() => Run, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'run_id' })
  run?: Run | null;

  @Column({ name: 'group_id', type: 'uuid', nullable: true })
  groupId!: string | null;

  @ManyToOne(() => Group, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'group_id' })
  group?: Group | null;

  @Field(() => String)
  @Column({ type: 'varchar', length: 2000 })
  text!: string;

  @Column({ type: 'varchar', length: 16, default: Visibility.PUBLIC })
  visibility!: Visibility;

  @Field(() => Date)
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
