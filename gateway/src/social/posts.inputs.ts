import { Field, ID, InputType } from 'type-graphql';

// Shapes only: the rules live in @maratron/schema (social.rules.ts).

@InputType({ description: 'A new post.' })
export class PostInput {
  @Field(() => String, { description: 'May be empty when the post shares a run.' }) text!: string;
  @Field(() => ID, { nullable: true, description: 'One of your runs; the post is never more visible than the run.' }) runId?: string | null;
  @Field(() => ID, { nullable: true, description: 'A group you belong to; its members are notified.' }) groupId?: string | null;
}
