import { Field, InputType } from 'type-graphql';

// Shapes only: the rules live in @maratron/schema (social.rules.ts).

@InputType()
export class GroupInput {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'Private groups: posts and members for members only; joining takes an invitation.',
  })
  private?: boolean | null;
}
