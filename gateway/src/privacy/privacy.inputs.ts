import { Field, Float, InputType } from 'type-graphql';

// Shapes only: the rules (name, latitude, longitude, radius 100–2,000 m) live in @maratron/domain's
// privacyZoneSchema and are applied by the service.

@InputType({ description: 'A new privacy zone.' })
export class PrivacyZoneInput {
  @Field(() => String, { description: 'A label for the owner, 1–100 characters.' }) name!: string;
  @Field(() => Float, { description: 'WGS84 decimal degrees, -90..90.' }) latitude!: number;
  @Field(() => Float, { description: 'WGS84 decimal degrees, -180..180.' }) longitude!: number;
  @Field(() => Float, { description: 'Metres, 100–2000.' }) radius!: number;
}
