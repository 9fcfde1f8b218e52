import { Field, ID, ObjectType } from 'type-graphql';
import { NotificationKind } from '../graphql/enums';

/**
 * Something another runner did that concerns `userId` (never their own actions); table
 * `notifications`. `actor`, `post`, `group` and `read` are resolved by the gateway.
 */
@ObjectType()
export class Notification {
  @Field(() => ID)
  id!: string;

  /** The recipient. */
  userId!: string;

  actorId!: string;

  @Field(() => NotificationKind)
  kind!: NotificationKind;

  postId!: string | null;

  groupId!: string | null;

  readAt!: Date | null;

  @Field(() => Date)
  createdAt!: Date;
}
