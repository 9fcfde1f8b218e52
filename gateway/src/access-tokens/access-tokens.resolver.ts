import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { TokenScope } from '@maratron/domain';
import { NewPersonalAccessToken, PersonalAccessToken } from '@maratron/schema';
import type { AccessTokensService, RequestContext } from '@maratron/core';

@Resolver()
export class AccessTokensResolver {
  constructor(private readonly service: AccessTokensService) {}

  @Query(() => [PersonalAccessToken], { description: "The viewer's personal access tokens, newest first (never their secrets)." })
  personalAccessTokens(@Ctx() ctx: RequestContext) {
    return this.service.list(ctx);
  }

  @Mutation(() => NewPersonalAccessToken, {
    description:
      'A new personal access token with these scopes, expiring after `expiresInDays` days (never without it). Its secret is in the answer only.',
  })
  createPersonalAccessToken(
    @Ctx() ctx: RequestContext,
    @Arg('name', () => String, { description: 'What the token is for, as the runner will recognise it in the list (1–100 characters).' })
    name: string,
    @Arg('scopes', () => [TokenScope], { description: 'What the token may do; at least one.' }) scopes: TokenScope[],
    @Arg('expiresInDays', () => Int, {
      nullable: true,
      description: 'Days until it stops working (at most 3,650); omitted: until revoked.',
    })
    expiresInDays?: number | null,
  ) {
    return this.service.create(ctx, { name, scopes, expiresInDays });
  }

  @Mutation(() => ID, { description: "Revokes one of the viewer's personal access tokens: refused at once, its live connections closed." })
  revokePersonalAccessToken(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'One of the viewer’s tokens; someone else’s is NOT_FOUND.' }) id: string,
  ) {
    return this.service.revoke(ctx, id);
  }
}
