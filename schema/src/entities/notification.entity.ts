import { Field, ID, ObjectType } from 'type-graphql';
import { NotificationKind } from '../graphql/enums';

/**
 * Something another runner did that concerns `userId` (never their own actions); table
 * `notifications`. `actor`, `post`, `group` and `read` are resolved by the gateway.
 */
@ObjectType({
  description: 'Something that happened to the viewer: a new follower, a like, a comment, an invitation. Visible to its recipient only.',
})
export class Notification {
  @Field(() => ID, { description: "The notification's id (a UUID)." })
  id!: string;

  /** The recipient. */
  userId!: string;

  actorId!: string;

  @Field(() => NotificationKind, { description: 'What happened.' })
  kind!: NotificationKind;

  postId!: string | null;

  groupId!: string | null;

  readAt!: Date | null;

  @Field(() => Date, { description: 'When it happened.' })
  createdAt!: Date;
}
