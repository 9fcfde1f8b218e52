import { Field, ID, ObjectType } from 'type-graphql';

/** A comment on a post (table `comments`); visible to whoever may see the post. `post` and `author` are resolved by the gateway. */
@ObjectType()
export class Comment {
  @Field(() => ID)
  id!: string;

  postId!: string;

  /** The comment's author. */
  userId!: string;

  @Field(() => String)
  text!: string;

  @Field(() => Date)
  createdAt!: Date;
}
