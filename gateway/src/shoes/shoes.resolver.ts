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
    @Arg('includeRetired', () => Boolean, { nullable: true, defaultValue: false }) includeRetired: boolean | null,
  ) {
    return this.shoes.list(ctx, requireViewer(ctx), includeRetired ?? false);
  }

  @Mutation(() => Shoe)
  createShoe(@Ctx() ctx: RequestContext, @Arg('input', () => ShoeInput) input: ShoeInput) {
    return this.shoes.create(ctx, input);
  }

  @Mutation(() => Shoe)
  updateShoe(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('input', () => ShoeUpdateInput) input: ShoeUpdateInput) {
    return this.shoes.update(ctx, id, input);
  }

  @Mutation(() => Shoe, { description: 'A retired shoe keeps its runs but cannot be picked for new ones.' })
  retireShoe(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.shoes.retire(ctx, id);
  }
}
