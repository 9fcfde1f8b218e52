import { Field, Float, ID, ObjectType } from 'type-graphql';

/**
 * A pair of shoes (table `shoes`). Its distance is never stored: it is derived from its runs
 * (plus `initialDistance`), so editing, moving or deleting a run can't leave it wrong.
 */
@ObjectType({
  description:
    "A runner's shoe and the distance run in it. Any signed-in runner may see it (on a profile or a run) unless its owner blocked them; only its owner changes it.",
  simpleResolvers: true,
})
export class Shoe {
  @Field(() => ID, { description: "The shoe's id (a UUID)." })
  id!: string;

  userId!: string;

  @Field(() => String, { description: 'The shoe\'s name (e.g. "Pegasus 41").' })
  name!: string;

  @Field(() => String, { description: 'The brand; null when none was given.', nullable: true })
  brand!: string | null;

  /** Retirement threshold, metres. */
  @Field(() => Float, { description: 'Retirement threshold, metres.' })
  maxDistance!: number;

  /** Metres the shoe had before it was added to Maratron. */
  initialDistance!: number;

  @Field(() => Boolean, { description: 'Retired shoes keep their runs but cannot be picked for new ones.' })
  retired!: boolean;

  @Field(() => Boolean, { description: 'Whether new runs get it when they name no shoe (at most one default shoe).' })
  isDefault!: boolean;

  @Field(() => Date, { description: 'When it was added.' })
  createdAt!: Date;
}
