import { Field, Float, ID, ObjectType } from 'type-graphql';

/**
 * A circle around a place the runner keeps to themself (table `privacy_zones`): for anyone but the
 * runner, the points of their tracks inside it are never shown. Only its runner ever reads it.
 */
@ObjectType({ simpleResolvers: true, description: 'A circle around a place the runner wants to keep private (home, work). Owner-only.' })
export class PrivacyZone {
  @Field(() => ID, { description: "The zone's id (a UUID)." })
  id!: string;

  userId!: string;

  @Field(() => String, { description: 'A label for the owner (e.g. "Home").' })
  name!: string;

  /** WGS84 decimal degrees. */
  @Field(() => Float, { description: "The centre's latitude, WGS84 decimal degrees." })
  latitude!: number;

  @Field(() => Float, { description: "The centre's longitude, WGS84 decimal degrees." })
  longitude!: number;

  /** Metres, 100–2,000. */
  @Field(() => Float, { description: 'Metres, 100–2000.' })
  radius!: number;

  createdAt!: Date;
}
