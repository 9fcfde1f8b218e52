import { Field, Float, InputType } from 'type-graphql';

// Shapes only: the rules live in @maratron/schema (shoe.rules.ts).

@InputType()
export class ShoeInput {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) brand?: string | null;
  @Field(() => Float, { nullable: true, defaultValue: 800000, description: 'Retirement threshold, metres.' }) maxDistance?: number;
  @Field(() => Float, { nullable: true, defaultValue: 0, description: 'Metres run before the shoe was added.' }) initialDistance?: number;
  @Field(() => Boolean, { nullable: true, defaultValue: false }) isDefault?: boolean;
}

@InputType()
export class ShoeUpdateInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) brand?: string | null;
  @Field(() => Float, { nullable: true }) maxDistance?: number | null;
  @Field(() => Boolean, { nullable: true }) isDefault?: boolean | null;
}
