import { Field, ID, ObjectType } from 'type-graphql';

/**
 * One signed-in session of the viewer (a browser, a phone, an MCP client): every token belongs to
 * one, and ending it refuses its tokens at once. `current` (the session of the token asking) is a
 * field resolver in the gateway.
 */
@ObjectType()
export class Session {
  @Field(() => ID) id!: string;
  /** A label from the User-Agent that started it, e.g. "Firefox on Linux". */
  @Field(() => String) device!: string;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) lastUsedAt!: Date | null;
}

/** What an authenticator app needs to start making codes: shown once, by enableTwoFactor. */
@ObjectType()
export class TwoFactorSetup {
  /** `otpauth://totp/…`: the client draws it as a QR code. */
  @Field(() => String) otpauthUri!: string;
  /** The same secret in base32, for typing in by hand. */
  @Field(() => String) secret!: string;
}
