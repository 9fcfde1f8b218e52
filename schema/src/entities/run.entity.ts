import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { RunEnvironment, Visibility } from '../graphql/enums';
import { Shoe } from './shoe.entity';
import { User } from './user.entity';

/** One run. `pace`, `user`, `shoe`, `splits` and `track` are resolved by the gateway. */
@ObjectType({ simpleResolvers: true })
@Entity({ name: 'runs' })
export class Run {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ name: 'shoe_id', type: 'uuid', nullable: true })
  shoeId!: string | null;

  @ManyToOne(() => Shoe, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'shoe_id' })
  shoe?: Shoe | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 120, nullable: true })
  name!: string | null;

  @Field(() => Date)
  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  /** Metres. */
  @Field(() => Float)
  @Column({ type: 'double precision' })
  distance!: number;

  /** Moving time, seconds. */
  @Field(() => Int)
  @Column({ type: 'int' })
  duration!: number;

  @Field(() => Float, { nullable: true })
  @Column({ name: 'elevation_gain', type: 'double precision', nullable: true })
  elevationGain!: number | null;

  @Field(() => Int, { nullable: true })
  @Column({ name: 'average_heart_rate', type: 'int', nullable: true })
  averageHeartRate!: number | null;

  @Field(() => RunEnvironment)
  @Column({ type: 'varchar', length: 16, default: RunEnvironment.OUTDOOR })
  environment!: RunEnvironment;

  @Field(() => Visibility)
  @Column({ type: 'varchar', length: 16, default: Visibility.PUBLIC })
  visibility!: Visibility;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  @Field(() => Date)
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
