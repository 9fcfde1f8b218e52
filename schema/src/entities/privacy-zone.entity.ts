import { Field, Float, ID, ObjectType } from 'type-graphql';

/**
 * A circle around a place the runner keeps to themself (table `privacy_zones`): for anyone but the
 * runner, the points of their tracks inside it are never shown. Only its runner ever reads it.
 */
@ObjectType({ simpleResolvers: true, description: 'A circle around a place the runner wants to keep private (home, work). Owner-only.' })
export class PrivacyZone {
  @Field(() => ID)
  id!: string;

  userId!: string;

  @Field(() => String)
  name!: string;

  /** WGS84 decimal degrees. */
  @Field(() => Float)
  latitude!: number;

  @Field(() => Float)
  longitude!: number;

  /** Metres, 100–2,000. */
  @Field(() => Float, { description: 'Metres, 100–2000.' })
  radius!: number;

  createdAt!: Date;
}
