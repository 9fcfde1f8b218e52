import { Field, ID, ObjectType } from 'type-graphql';
import { Visibility } from '../graphql/enums';

/**
 * A post in the feed (table `posts`): text, optionally sharing one of the author's runs,
 * optionally in a group. `author`, `run`, `group`, the counts and the comments are resolved by
 * the gateway.
 *
 * `visibility` is the post's effective visibility (not a GraphQL field): the shared run's
 * visibility, PUBLIC for a post without a run. The database keeps it so (a trigger copies the
 * run's visibility on insert and whenever the run's visibility changes), so a post is never
 * more visible than its run whichever process writes. Group posts are further limited by the
 * group: a private group's posts reach its members only (rules/visibility.ts `canViewPost`).
 */
@ObjectType()
export class Post {
  @Field(() => ID)
  id!: string;

  /** The author. Named like every owned row's `user_id` so the visibility rule reads it. */
  userId!: string;

  /** Set to null when the run is deleted; the post keeps the run's last visibility. */
  runId!: string | null;

  groupId!: string | null;

  @Field(() => String)
  text!: string;

  visibility!: Visibility;

  @Field(() => Date)
  createdAt!: Date;
}
