import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Session } from '@maratron/schema';
import type { RequestContext, SessionsService } from '@maratron/core';

@Resolver()
export class SessionsResolver {
  constructor(private readonly service: SessionsService) {}

  @Query(() => [Session], { description: "The viewer's open sessions, newest first." })
  sessions(@Ctx() ctx: RequestContext) {
    return this.service.list(ctx);
  }

  @Mutation(() => Boolean, { description: 'Ends the session of the token making the request: its tokens are refused from now on.' })
  signOut(@Ctx() ctx: RequestContext) {
    return this.service.signOut(ctx);
  }

  @Mutation(() => ID, { description: "Ends one of the viewer's sessions; its tokens are refused and its live connections closed at once." })
  revokeSession(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The session (Session.id); returns it.' }) id: string) {
    return this.service.revoke(ctx, id);
  }
}
