import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { AuthPayload, User } from '@maratron/schema';
import type { RequestContext, UsersService } from '@maratron/core';
import { SignUpInput, UpdateProfileInput } from './users.inputs';

@Resolver()
export class UsersResolver {
  constructor(private readonly users: UsersService) {}

  @Query(() => User, { nullable: true, description: 'The signed-in runner; null when signed out.' })
  me(@Ctx() ctx: RequestContext) {
    return this.users.me(ctx);
  }

  @Query(() => User, { nullable: true })
  user(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { nullable: true }) id?: string,
    @Arg('username', () => String, { nullable: true }) username?: string,
  ) {
    return this.users.find(ctx, { id, username });
  }

  @Query(() => [User])
  searchUsers(
    @Ctx() ctx: RequestContext,
    @Arg('query', () => String) query: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: 10 }) first: number | null,
  ) {
    return this.users.search(ctx, query, first ?? 10);
  }

  @Mutation(() => AuthPayload)
  signUp(@Ctx() ctx: RequestContext, @Arg('input', () => SignUpInput) input: SignUpInput) {
    return this.users.signUp(ctx, input);
  }

  @Mutation(() => AuthPayload, {
    description:
      'With two-step sign-in on, `code` (TOTP or recovery) is needed too: without a valid one, UNAUTHENTICATED with extensions.twoFactorRequired.',
  })
  signIn(
    @Ctx() ctx: RequestContext,
    @Arg('email', () => String) email: string,
    @Arg('password', () => String) password: string,
    @Arg('code', () => String, { nullable: true }) code?: string | null,
  ) {
    return this.users.signIn(ctx, email, password, code);
  }

  @Mutation(() => User)
  updateProfile(@Ctx() ctx: RequestContext, @Arg('input', () => UpdateProfileInput) input: UpdateProfileInput) {
    return this.users.updateProfile(ctx, input);
  }

  @Mutation(() => Boolean, {
    description: 'Removes the account and everything it owns; the password confirms it. Its groups go to their longest-standing member.',
  })
  deleteAccount(@Ctx() ctx: RequestContext, @Arg('password', () => String) password: string) {
    return this.users.deleteAccount(ctx, password);
  }
}
