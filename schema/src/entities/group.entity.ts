import { Field, ID, ObjectType } from 'type-graphql';

/**
 * A group runners train in together (table `groups`). Any signed-in runner can see a group's
 * name, description, owner and size; a private group's posts and members are for its members
 * only, and joining it takes an invitation from a member.
 */
@ObjectType()
export class Group {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  /** `private` in GraphQL (a TypeScript modifier keyword, hence the property name). */
  @Field(() => Boolean, {
    name: 'private',
    description: 'Private groups: posts and members visible to members only; joining takes an invitation.',
  })
  isPrivate!: boolean;

  /** The owner is always a member; deleting the owner's account deletes the group. */
  ownerId!: string;

  @Field(() => Date)
  createdAt!: Date;
}
