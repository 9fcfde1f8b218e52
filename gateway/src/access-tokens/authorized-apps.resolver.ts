import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { AuthorizedApp } from '@maratron/schema';
import type { AuthorizedAppsService, RequestContext } from '@maratron/core';

@Resolver()
export class AuthorizedAppsResolver {
  constructor(private readonly service: AuthorizedAppsService) {}

  @Query(() => [AuthorizedApp], { description: 'The apps the viewer approved through OAuth, newest first.' })
  authorizedApps(@Ctx() ctx: RequestContext) {
    return this.service.list(ctx);
  }

  @Mutation(() => ID, {
    description: 'Ends an app’s authorization: every access and refresh token of it is refused at once, its live connections closed.',
  })
  revokeAuthorizedApp(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'One of the viewer’s authorized apps; someone else’s is NOT_FOUND.' }) id: string,
  ) {
    return this.service.revoke(ctx, id);
  }
}
