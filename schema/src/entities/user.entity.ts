import { Field, ID, ObjectType } from 'type-graphql';
import { FollowPolicy, Units, Visibility } from '../graphql/enums';

/**
 * A runner's account (table `users`; its columns are mapped in core's users.sql.ts). `email` and
 * the training profile are private to the runner, so they are not @Field here: the gateway
 * exposes them through field resolvers that check the viewer (so is `defaultVisibility`). The
 * password hash is never part of a User.
 */
@ObjectType({
  description:
    'A runner. Every signed-in runner can see profiles (not of runners who blocked them); private details are visible to the runner themself only.',
  simpleResolvers: true,
})
export class User {
  @Field(() => ID, { description: "The runner's id (a UUID)." })
  id!: string;

  /** Stored lower-case; unique. */
  email!: string;

  /** Stored lower-case; unique; [a-z0-9_.]{3,30}. */
  @Field(() => String, { description: "The runner's unique handle." })
  username!: string;

  @Field(() => String, { description: 'The name shown to others.' })
  name!: string;

  @Field(() => String, { description: 'A short text about the runner; null when none.', nullable: true })
  bio!: string | null;

  @Field(() => Units, { description: 'How the runner likes distances and paces shown.' })
  units!: Units;

  @Field(() => Date, { description: 'When the account was created.' })
  createdAt!: Date;

  /** What new runs and imports get when they name no visibility; the runner's own setting. */
  defaultVisibility!: Visibility;

  /** OPEN: anyone may follow at once; APPROVAL: following asks, the runner approves. */
  @Field(() => FollowPolicy, { description: 'Who may follow the runner.' })
  followPolicy!: FollowPolicy;
}
