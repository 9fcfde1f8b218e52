import { Field, Float, InputType } from 'type-graphql';

// Shapes only: the rules live in @maratron/schema (shoe.rules.ts).

@InputType({ description: 'A new shoe.' })
export class ShoeInput {
  @Field(() => String, { description: "The shoe's name, 1–100 characters." }) name!: string;
  @Field(() => String, { description: 'The brand, at most 100 characters.', nullable: true }) brand?: string | null;
  @Field(() => Float, { nullable: true, defaultValue: 800000, description: 'Retirement threshold, metres.' }) maxDistance?: number;
  @Field(() => Float, { nullable: true, defaultValue: 0, description: 'Metres run before the shoe was added.' }) initialDistance?: number;
  @Field(() => Boolean, {
    description: 'true: new runs get it when they name no shoe (the previous default stops being one).',
    nullable: true,
    defaultValue: false,
  })
  isDefault?: boolean;
}

@InputType({ description: 'Changes to a shoe: fields left out stay as they are.' })
export class ShoeUpdateInput {
  @Field(() => String, { description: "The shoe's name, 1–100 characters.", nullable: true }) name?: string | null;
  @Field(() => String, { description: 'The brand, at most 100 characters; null clears it.', nullable: true }) brand?: string | null;
  @Field(() => Float, { description: 'Retirement threshold, metres (1000–5 000 000).', nullable: true }) maxDistance?: number | null;
  @Field(() => Boolean, { description: 'true: new runs get it when they name no shoe.', nullable: true }) isDefault?: boolean | null;
}
