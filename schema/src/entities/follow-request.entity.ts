import { Field, ID, ObjectType } from 'type-graphql';

/**
 * A pending request to follow a runner whose follow policy is APPROVAL (table `follow_requests`);
 * seen by its two runners only. `from` (the asker) is resolved by the gateway.
 */
@ObjectType({ description: 'A pending request to follow the viewer (under the APPROVAL follow policy). Visible to the runner asked only.' })
export class FollowRequest {
  @Field(() => ID, { description: "The request's id (a UUID); pass it to approveFollowRequest or declineFollowRequest." })
  id!: string;

  /** Who asked to follow. */
  followerId!: string;

  /** Whom they asked to follow. */
  followeeId!: string;

  @Field(() => Date, { description: 'When the request was made.' })
  createdAt!: Date;
}
