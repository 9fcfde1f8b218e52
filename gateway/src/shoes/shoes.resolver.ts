import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Shoe } from '@maratron/schema';
import type { RequestContext, ShoesService } from '@maratron/core';
import { requireViewer } from '@maratron/core';
import { ShoeInput, ShoeUpdateInput } from './shoes.inputs';

@Resolver()
export class ShoesResolver {
  constructor(private readonly shoes: ShoesService) {}

  @Query(() => [Shoe], { name: 'shoes', description: "The viewer's shoes, oldest first." })
  myShoes(
    @Ctx() ctx: RequestContext,
    @Arg('includeRetired', () => Boolean, { description: 'true: retired shoes too.', nullable: true, defaultValue: false })
    includeRetired: boolean | null,
  ) {
    return this.shoes.list(ctx, requireViewer(ctx), includeRetired ?? false);
  }

  @Mutation(() => Shoe, { description: "Adds a shoe to the viewer's collection." })
  createShoe(@Ctx() ctx: RequestContext, @Arg('input', () => ShoeInput, { description: 'The shoe.' }) input: ShoeInput) {
    return this.shoes.create(ctx, input);
  }

  @Mutation(() => Shoe, { description: "Changes one of the viewer's shoes; fields left out stay as they are." })
  updateShoe(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The shoe to change.' }) id: string,
    @Arg('input', () => ShoeUpdateInput, { description: 'The fields to change.' }) input: ShoeUpdateInput,
  ) {
    return this.shoes.update(ctx, id, input);
  }

  @Mutation(() => Shoe, { description: 'A retired shoe keeps its runs but cannot be picked for new ones.' })
  retireShoe(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The shoe to retire.' }) id: string) {
    return this.shoes.retire(ctx, id);
  }
}
