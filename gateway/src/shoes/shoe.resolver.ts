import { Ctx, Extensions, FieldResolver, Float, Int, Resolver, Root } from 'type-graphql';
import { Shoe } from '@maratron/schema';
import type { RequestContext, ShoesService } from '@maratron/core';
import { PER_VIEWER } from '../subscriptions/per-viewer';

@Resolver(() => Shoe)
export class ShoeResolver {
  constructor(private readonly shoes: ShoesService) {}

  @Extensions(PER_VIEWER)
  @FieldResolver(() => Float, { description: 'Metres run in this shoe, from its runs (plus initialDistance).' })
  async distance(@Root() shoe: Shoe, @Ctx() ctx: RequestContext) {
    return (await this.shoes.usage(ctx, shoe)).distance;
  }

  @Extensions(PER_VIEWER)
  @FieldResolver(() => Float, { description: 'distance / maxDistance' })
  async usage(@Root() shoe: Shoe, @Ctx() ctx: RequestContext) {
    return (await this.shoes.usage(ctx, shoe)).usage;
  }

  @Extensions(PER_VIEWER)
  @FieldResolver(() => Int, { description: 'How many runs were run in it.' })
  async runCount(@Root() shoe: Shoe, @Ctx() ctx: RequestContext) {
    return (await this.shoes.usage(ctx, shoe)).runCount;
  }
}
