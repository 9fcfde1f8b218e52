import { Field, Float, ID, ObjectType } from 'type-graphql';

/**
 * A pair of shoes (table `shoes`). Its distance is never stored: it is derived from its runs
 * (plus `initialDistance`), so editing, moving or deleting a run can't leave it wrong.
 */
@ObjectType({ simpleResolvers: true })
export class Shoe {
  @Field(() => ID)
  id!: string;

  userId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  brand!: string | null;

  /** Retirement threshold, metres. */
  @Field(() => Float)
  maxDistance!: number;

  /** Metres the shoe had before it was added to Maratron. */
  initialDistance!: number;

  @Field(() => Boolean)
  retired!: boolean;

  @Field(() => Boolean)
  isDefault!: boolean;

  @Field(() => Date)
  createdAt!: Date;
}
