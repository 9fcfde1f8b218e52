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

  @Query(() => User, {
    description: 'A runner by id or by username (give one); null when there is none, or for a runner who blocked the viewer.',
    nullable: true,
  })
  user(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: "The runner's id.", nullable: true }) id?: string,
    @Arg('username', () => String, { description: "The runner's username (case-insensitive).", nullable: true }) username?: string,
  ) {
    return this.users.find(ctx, { id, username });
  }

  @Query(() => [User], {
    description:
      'Runners whose username or name contains the query (case-insensitive): the exact username first, then usernames or names starting with it, then by username. Runners who blocked the viewer are left out.',
  })
  searchUsers(
    @Ctx() ctx: RequestContext,
    @Arg('query', () => String, { description: '1–100 characters, matched case-insensitively.' }) query: string,
    @Arg('first', () => Int, { description: 'How many, 1–50.', nullable: true, defaultValue: 10 }) first: number | null,
  ) {
    return this.users.search(ctx, query, first ?? 10);
  }

  @Mutation(() => AuthPayload, { description: 'Creates an account and signs it in.' })
  signUp(@Ctx() ctx: RequestContext, @Arg('input', () => SignUpInput, { description: 'The new account.' }) input: SignUpInput) {
    return this.users.signUp(ctx, input);
  }

  @Mutation(() => AuthPayload, {
    description:
      'With two-step sign-in on, `code` (TOTP or recovery) is needed too: without a valid one, UNAUTHENTICATED with extensions.twoFactorRequired.',
  })
  signIn(
    @Ctx() ctx: RequestContext,
    @Arg('email', () => String, { description: "The account's email address (case-insensitive)." }) email: string,
    @Arg('password', () => String, { description: "The account's password." }) password: string,
    @Arg('code', () => String, { description: 'With two-step sign-in on: a 6-digit TOTP code or an unused recovery code.', nullable: true })
    code?: string | null,
  ) {
    return this.users.signIn(ctx, email, password, code);
  }

  @Mutation(() => User, { description: "Changes the viewer's profile and settings; fields left out stay as they are." })
  updateProfile(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => UpdateProfileInput, { description: 'The fields to change.' }) input: UpdateProfileInput,
  ) {
    return this.users.updateProfile(ctx, input);
  }

  @Mutation(() => Boolean, {
    description: 'Removes the account and everything it owns; the password confirms it. Its groups go to their longest-standing member.',
  })
  deleteAccount(
    @Ctx() ctx: RequestContext,
    @Arg('password', () => String, { description: "The account's password, confirming the deletion." }) password: string,
  ) {
    return this.users.deleteAccount(ctx, password);
  }
}
