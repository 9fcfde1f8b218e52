import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { AuthPayload } from '@maratron/schema';
import type { PasswordsService, RequestContext } from '@maratron/core';

@Resolver()
export class PasswordsResolver {
  constructor(private readonly passwords: PasswordsService) {}

  @Mutation(() => AuthPayload, { description: 'Needs the current password; ends every other session.' })
  changePassword(
    @Ctx() ctx: RequestContext,
    @Arg('currentPassword', () => String, { description: 'The password in use now.' }) currentPassword: string,
    @Arg('newPassword', () => String, { description: 'The new password, 10–200 characters.' }) newPassword: string,
  ) {
    return this.passwords.changePassword(ctx, currentPassword, newPassword);
  }

  @Mutation(() => Boolean, { description: 'Always true; a known email gets a one-time link to reset its password.' })
  requestPasswordReset(
    @Ctx() ctx: RequestContext,
    @Arg('email', () => String, { description: "The account's email address." }) email: string,
  ) {
    return this.passwords.requestReset(ctx, email);
  }

  @Mutation(() => AuthPayload, { description: "A reset link's token and a new password: ends every session and signs in." })
  resetPassword(
    @Ctx() ctx: RequestContext,
    @Arg('token', () => String, {
      description: "The token from the reset link (single use, valid for the server's PASSWORD_RESET_TTL_SECONDS, default 1 hour).",
    })
    token: string,
    @Arg('newPassword', () => String, { description: 'The new password, 10–200 characters.' }) newPassword: string,
  ) {
    return this.passwords.resetPassword(ctx, token, newPassword);
  }
}
