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
@ObjectType({
  description:
    "A post in the feed or in a group, optionally sharing a run. It has the visibility of the run it shares (never more visible than the run), PUBLIC without one; a private group's posts reach its members only; never shown to runners the author blocked.",
})
export class Post {
  @Field(() => ID, { description: "The post's id (a UUID)." })
  id!: string;

  /** The author. Named like every owned row's `user_id` so the visibility rule reads it. */
  userId!: string;

  /** Set to null when the run is deleted; the post keeps the run's last visibility. */
  runId!: string | null;

  groupId!: string | null;

  @Field(() => String, { description: "The post's text (plain text; may be empty when it shares a run)." })
  text!: string;

  visibility!: Visibility;

  @Field(() => Date, { description: 'When it was posted.' })
  createdAt!: Date;
}
