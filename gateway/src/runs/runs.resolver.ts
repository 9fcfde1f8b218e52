import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { ActivityFormat, Visibility } from '@maratron/domain';
import { Run, RunConnection } from '@maratron/schema';
import type { RequestContext, RunsService } from '@maratron/core';
import { RunInput, RunUpdateInput } from './runs.inputs';

@Resolver()
export class RunsResolver {
  constructor(private readonly runService: RunsService) {}

  @Query(() => Run, { description: 'A run by id; null when there is none or the viewer may not see it.', nullable: true })
  run(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: "The run's id." }) id: string) {
    return this.runService.get(ctx, id);
  }

  @Query(() => RunConnection, { description: "A runner's runs, newest first; the viewer's own without userId." })
  runs(
    @Ctx() ctx: RequestContext,
    @Arg('userId', () => ID, {
      description: "Whose runs; omitted: the viewer's own. Only the runs the viewer may see are listed.",
      nullable: true,
    })
    userId?: string,
    @Arg('first', () => Int, { description: 'Page size, 1–100.', nullable: true, defaultValue: 20 }) first?: number,
    @Arg('after', () => String, { description: 'The cursor (endCursor) of the previous page; omitted: the first page.', nullable: true })
    after?: string,
    @Arg('from', () => Date, { description: 'Only runs started at or after this time.', nullable: true }) from?: Date,
    @Arg('to', () => Date, { description: 'Only runs started before this time.', nullable: true }) to?: Date,
  ) {
    return this.runService.page(ctx, { ownerId: userId, first, after, from, to });
  }

  @Mutation(() => Run, { description: 'Records a run by hand (for a file, use importActivity).' })
  createRun(@Ctx() ctx: RequestContext, @Arg('input', () => RunInput, { description: 'The run.' }) input: RunInput) {
    return this.runService.create(ctx, input);
  }

  @Mutation(() => Run, { description: "Changes one of the viewer's runs; fields left out stay as they are." })
  updateRun(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The run to change.' }) id: string,
    @Arg('input', () => RunUpdateInput, { description: 'The fields to change.' }) input: RunUpdateInput,
  ) {
    return this.runService.update(ctx, id, input);
  }

  @Mutation(() => Run, {
    description:
      'A run from a GPX, TCX or FIT file (GPX/TCX: the text in `content`; FIT: base64 of the bytes; any of them may come gzip-compressed as base64 of the .gz bytes; at most 25 MB decompressed): distance, moving time, climb, heart rate, splits and track come from the file. shoeId and visibility as for createRun.',
  })
  importActivity(
    @Ctx() ctx: RequestContext,
    @Arg('format', () => ActivityFormat, { description: "The file's format." }) format: ActivityFormat,
    @Arg('content', () => String, {
      description: 'The file: its text for GPX/TCX, base64 of its bytes for FIT (or base64 of the gzip-compressed file, any format).',
    })
    content: string,
    @Arg('shoeId', () => ID, { description: "One of the viewer's active shoes; omitted: the default shoe, if any.", nullable: true })
    shoeId?: string | null,
    @Arg('visibility', () => Visibility, { description: "Who may see the run; omitted: the viewer's defaultVisibility.", nullable: true })
    visibility?: Visibility | null,
  ) {
    return this.runService.createFromActivity(ctx, { format, content, shoeId, visibility });
  }

  @Mutation(() => ID, {
    description:
      "Deletes one of the viewer's runs with its track and splits; posts that shared it stay, without the run. Returns the run's id.",
  })
  deleteRun(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The run to delete.' }) id: string) {
    return this.runService.delete(ctx, id);
  }
}
