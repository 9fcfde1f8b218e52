import { Arg, Ctx, ID, Int, Query, Resolver, Root, Subscription } from 'type-graphql';
import { ImportJob } from '@maratron/schema';
import type { RequestContext, Topics, ImportsService } from '@maratron/core';
import { live } from '../subscriptions/live-source';

@Resolver()
export class ImportsResolver {
  constructor(private readonly importService: ImportsService) {}

  @Query(() => ImportJob, { nullable: true, description: "One of the viewer's bulk imports (POST /api/imports); null for anyone else's." })
  importJob(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: "The job's id." }) id: string) {
    return this.importService.get(ctx, id);
  }

  @Query(() => [ImportJob], { description: "The viewer's bulk imports, newest first (at most 50)." })
  importJobs(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { description: 'How many; at most 50 are returned.', nullable: true, defaultValue: 10 }) first: number,
  ) {
    return this.importService.list(ctx, first);
  }

  @Subscription(() => ImportJob, {
    subscribe: live('importProgress'),
    description: "The viewer's own import job, as its files are processed.",
  })
  // jobId is read by the live channel (channels.ts), which keys subscribers by it.
  importProgress(
    @Root() event: Topics['import.progress'],
    @Ctx() ctx: RequestContext,
    @Arg('jobId', () => ID, { description: 'The import job (from POST /api/imports).' }) _jobId: string,
  ) {
    return this.importService.get(ctx, event.jobId);
  }
}
