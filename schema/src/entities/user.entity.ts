import { Field, ID, ObjectType } from 'type-graphql';
import { FollowPolicy, Units, Visibility } from '../graphql/enums';

/**
 * A runner's account (table `users`; its columns are mapped in core's users.sql.ts). `email` and
 * the training profile are private to the runner, so they are not @Field here: the gateway
 * exposes them through field resolvers that check the viewer (so is `defaultVisibility`). The
 * password hash is never part of a User.
 */
@ObjectType({ simpleResolvers: true })
export class User {
  @Field(() => ID)
  id!: string;

  /** Stored lower-case; unique. */
  email!: string;

  /** Stored lower-case; unique; [a-z0-9_.]{3,30}. */
  @Field(() => String)
  username!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  bio!: string | null;

  @Field(() => Units)
  units!: Units;

  @Field(() => Date)
  createdAt!: Date;

  /** What new runs and imports get when they name no visibility; the runner's own setting. */
  defaultVisibility!: Visibility;

  /** OPEN: anyone may follow at once; APPROVAL: following asks, the runner approves. */
  @Field(() => FollowPolicy)
  followPolicy!: FollowPolicy;
}
