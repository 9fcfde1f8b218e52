import { Field, ID, ObjectType } from 'type-graphql';

/** A comment on a post (table `comments`); visible to whoever may see the post. `post` and `author` are resolved by the gateway. */
@ObjectType({ description: 'A comment on a post. Visible to whoever may see the post.' })
export class Comment {
  @Field(() => ID, { description: "The comment's id (a UUID)." })
  id!: string;

  postId!: string;

  /** The comment's author. */
  userId!: string;

  @Field(() => String, { description: "The comment's text (plain text, at most 2000 characters)." })
  text!: string;

  @Field(() => Date, { description: 'When it was written.' })
  createdAt!: Date;
}
