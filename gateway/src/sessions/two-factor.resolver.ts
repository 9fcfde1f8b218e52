import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { TwoFactorSetup } from '@maratron/schema';
import type { RequestContext, TwoFactorService } from '@maratron/core';

@Resolver()
export class TwoFactorResolver {
  constructor(private readonly twoFactor: TwoFactorService) {}

  @Mutation(() => TwoFactorSetup, {
    description: 'A new TOTP secret for an authenticator app; on once confirmTwoFactor gets a code from it.',
  })
  enableTwoFactor(@Ctx() ctx: RequestContext) {
    return this.twoFactor.enable(ctx);
  }

  @Mutation(() => [String], { description: 'Turns two-step sign-in on; returns ten one-time recovery codes.' })
  confirmTwoFactor(
    @Ctx() ctx: RequestContext,
    @Arg('code', () => String, { description: 'A 6-digit code from the authenticator app set up with enableTwoFactor.' }) code: string,
  ) {
    return this.twoFactor.confirm(ctx, code);
  }

  @Mutation(() => Boolean, { description: 'Turns two-step sign-in off: the password and a code (TOTP or recovery) confirm it.' })
  disableTwoFactor(
    @Ctx() ctx: RequestContext,
    @Arg('password', () => String, { description: "The account's password." }) password: string,
    @Arg('code', () => String, { description: 'A current 6-digit TOTP code or an unused recovery code.' }) code: string,
  ) {
    return this.twoFactor.disable(ctx, password, code);
  }
}
