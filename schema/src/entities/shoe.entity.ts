import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { User } from './user.entity';

/**
 * A pair of shoes. Its distance is never stored: it is derived from its runs (plus
 * `initialDistance`), so editing, moving or deleting a run can't leave it wrong.
 */
@ObjectType({ simpleResolvers: true })
@Entity({ name: 'shoes' })
export class Shoe {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Field(() => String)
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  brand!: string | null;

  /** Retirement threshold, metres. */
  @Field(() => Float)
  @Column({ name: 'max_distance', type: 'double precision' })
  maxDistance!: number;

  /** Metres the shoe had before it was added to Maratron. */
  @Column({ name: 'initial_distance', type: 'double precision', default: 0 })
  initialDistance!: number;

  @Field(() => Boolean)
  @Column({ type: 'boolean', default: false })
  retired!: boolean;

  @Field(() => Boolean)
  @Column({ name: 'is_default', type: 'boolean', default: false })
  isDefault!: boolean;

  @Field(() => Date)
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
