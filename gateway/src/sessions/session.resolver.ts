import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Session } from '@maratron/schema';
import type { RequestContext } from '@maratron/core';

/** Fields of Session beyond its columns. */
@Resolver(() => Session)
export class SessionResolver {
  @FieldResolver(() => Boolean, { description: 'The session of the token making this request.' })
  current(@Root() session: Session, @Ctx() ctx: RequestContext) {
    return session.id === ctx.sessionId;
  }
}
