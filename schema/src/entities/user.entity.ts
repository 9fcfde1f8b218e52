import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';
import { Units } from '../graphql/enums';

/**
 * A runner's account. `email` and the training profile are private to the runner, so they
 * are not @Field here: the gateway exposes them through field resolvers that check the viewer.
 */
@ObjectType({ simpleResolvers: true })
@Entity({ name: 'users' })
export class User {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored lower-case; unique. */
  @Column({ type: 'varchar', length: 254, unique: true })
  email!: string;

  /** Stored lower-case; unique; [a-z0-9_.]{3,30}. */
  @Field(() => String)
  @Column({ type: 'varchar', length: 30, unique: true })
  username!: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash!: string;

  @Field(() => String)
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  bio!: string | null;

  @Field(() => Units)
  @Column({ type: 'varchar', length: 16, default: Units.METRIC })
  units!: Units;

  @Field(() => Date)
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
