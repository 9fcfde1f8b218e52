import { Field, InputType } from 'type-graphql';

// Shapes only: the rules live in @maratron/schema (social.rules.ts).

@InputType({ description: 'A new group.' })
export class GroupInput {
  @Field(() => String, { description: "The group's name, 1–80 characters." }) name!: string;
  @Field(() => String, { description: 'What the group is about (at most 1000 characters).', nullable: true }) description?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'Private groups: posts and members for members only; joining takes an invitation.',
  })
  private?: boolean | null;
}
