import { Field, ID, ObjectType } from 'type-graphql';

/**
 * A pending request to follow a runner whose follow policy is APPROVAL (table `follow_requests`);
 * seen by its two runners only. `from` (the asker) is resolved by the gateway.
 */
@ObjectType()
export class FollowRequest {
  @Field(() => ID)
  id!: string;

  /** Who asked to follow. */
  followerId!: string;

  /** Whom they asked to follow. */
  followeeId!: string;

  @Field(() => Date)
  createdAt!: Date;
}
