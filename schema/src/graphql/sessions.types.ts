import { Field, ID, ObjectType } from 'type-graphql';

/**
 * One signed-in session of the viewer (a browser, a phone, an MCP client): every token belongs to
 * one, and ending it refuses its tokens at once. `current` (the session of the token asking) is a
 * field resolver in the gateway.
 */
@ObjectType({ description: 'A signed-in session of the viewer (one per sign-in). Visible to its owner only.' })
export class Session {
  @Field(() => ID, { description: "The session's id (a UUID); pass it to revokeSession." }) id!: string;
  /** A label from the User-Agent that started it, e.g. "Firefox on Linux". */
  @Field(() => String, {
    description: 'The device, as a person would name it, from the User-Agent that signed in (e.g. "Firefox on Linux").',
  })
  device!: string;
  @Field(() => Date, { description: 'When it was signed in.' }) createdAt!: Date;
  @Field(() => Date, {
    description: 'When a request last used it (updated at most once a minute); null when never used after sign-in.',
    nullable: true,
  })
  lastUsedAt!: Date | null;
}

/** What an authenticator app needs to start making codes: shown once, by enableTwoFactor. */
@ObjectType({ description: 'A new TOTP secret for two-step sign-in, shown once.' })
export class TwoFactorSetup {
  /** `otpauth://totp/…`: the client draws it as a QR code. */
  @Field(() => String, { description: 'An otpauth:// URI for an authenticator app (show it as a QR code).' }) otpauthUri!: string;
  /** The same secret in base32, for typing in by hand. */
  @Field(() => String, { description: 'The same secret in base32, to type in by hand.' }) secret!: string;
}
