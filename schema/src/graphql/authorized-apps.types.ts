import { Field, ID, ObjectType } from 'type-graphql';
import { TokenScope } from '@maratron/domain';

/** An app the viewer let act for them through OAuth (one approval on the consent page). */
@ObjectType({
  description:
    'An app (an MCP client among them) the viewer approved on the OAuth consent page: it holds tokens with these scopes until revoked.',
})
export class AuthorizedApp {
  @Field(() => ID, { description: 'The authorization’s id (for revokeAuthorizedApp).' }) id!: string;
  @Field(() => String, { description: 'The OAuth client id the app registered with (RFC 7591).' }) clientId!: string;
  @Field(() => String, { description: 'The name the app registered with (its client_name, or the host of its redirect URI).' })
  name!: string;
  @Field(() => [TokenScope], { description: 'What the viewer let it do.' }) scopes!: TokenScope[];
  @Field(() => Date, { description: 'When the viewer approved it.' }) authorizedAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When one of its access tokens was last used (kept to the minute); null if never.' })
  lastUsedAt!: Date | null;
}
