import { Field, ID, ObjectType } from 'type-graphql';

/**
 * A group runners train in together (table `groups`). Any signed-in runner can see a group's
 * name, description, owner and size; a private group's posts and members are for its members
 * only, and joining it takes an invitation from a member.
 */
@ObjectType({
  description:
    "A group of runners with its own posts and leaderboard. Public groups are visible to every signed-in runner; a private group's posts and members to its members only.",
})
export class Group {
  @Field(() => ID, { description: "The group's id (a UUID)." })
  id!: string;

  @Field(() => String, { description: "The group's name (1–80 characters)." })
  name!: string;

  @Field(() => String, { description: 'What the group is about, as its owner wrote it; null when none was given.', nullable: true })
  description!: string | null;

  /** `private` in GraphQL (a TypeScript modifier keyword, hence the property name). */
  @Field(() => Boolean, {
    name: 'private',
    description: 'Private groups: posts and members visible to members only; joining takes an invitation.',
  })
  isPrivate!: boolean;

  /** The owner is always a member; deleting the owner's account deletes the group. */
  ownerId!: string;

  @Field(() => Date, { description: 'When the group was created.' })
  createdAt!: Date;
}
