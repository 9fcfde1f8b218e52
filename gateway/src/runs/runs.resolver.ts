import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { ActivityFormat, Visibility } from '@maratron/domain';
import { Run, RunConnection } from '@maratron/schema';
import type { RequestContext, RunsService } from '@maratron/core';
import { RunInput, RunUpdateInput } from './runs.inputs';

@Resolver()
export class RunsResolver {
  constructor(private readonly runService: RunsService) {}

  @Query(() => Run, { nullable: true })
  run(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.runService.get(ctx, id);
  }

  @Query(() => RunConnection, { description: "A runner's runs, newest first; the viewer's own without userId." })
  runs(
    @Ctx() ctx: RequestContext,
    @Arg('userId', () => ID, { nullable: true }) userId?: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('from', () => Date, { nullable: true }) from?: Date,
    @Arg('to', () => Date, { nullable: true }) to?: Date,
  ) {
    return this.runService.page(ctx, { ownerId: userId, first, after, from, to });
  }

  @Mutation(() => Run)
  createRun(@Ctx() ctx: RequestContext, @Arg('input', () => RunInput) input: RunInput) {
    return this.runService.create(ctx, input);
  }

  @Mutation(() => Run)
  updateRun(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('input', () => RunUpdateInput) input: RunUpdateInput) {
    return this.runService.update(ctx, id, input);
  }

  @Mutation(() => Run, {
    description:
      'A run from a GPX, TCX or FIT file (GPX/TCX: the text in `content`; FIT: base64 of the bytes; any of them may come gzip-compressed as base64 of the .gz bytes; at most 25 MB decompressed): distance, moving time, climb, heart rate, splits and track come from the file. shoeId and visibility as for createRun.',
  })
  importActivity(
    @Ctx() ctx: RequestContext,
    @Arg('format', () => ActivityFormat) format: ActivityFormat,
    @Arg('content', () => String) content: string,
    @Arg('shoeId', () => ID, { nullable: true }) shoeId?: string | null,
    @Arg('visibility', () => Visibility, { nullable: true }) visibility?: Visibility | null,
  ) {
    return this.runService.createFromActivity(ctx, { format, content, shoeId, visibility });
  }

  @Mutation(() => ID)
  deleteRun(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.runService.delete(ctx, id);
  }
}
