import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { PrivacyZone } from '@maratron/schema';
import type { PrivacyService, RequestContext } from '@maratron/core';
import { PrivacyZoneInput } from './privacy.inputs';

/** The viewer's privacy zones: for anyone else, track points inside them are never shown. */
@Resolver()
export class PrivacyResolver {
  constructor(private readonly privacy: PrivacyService) {}

  @Query(() => [PrivacyZone], { description: "The viewer's own privacy zones, oldest first." })
  privacyZones(@Ctx() ctx: RequestContext) {
    return this.privacy.zones(ctx);
  }

  @Mutation(() => PrivacyZone, {
    description:
      "A circle (radius 100–2000 m) whose track points nobody else sees, on every run, past ones included; at most the server's PRIVACY_ZONES_MAX (default 10).",
  })
  addPrivacyZone(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => PrivacyZoneInput, { description: "The zone's centre, radius and name." }) input: PrivacyZoneInput,
  ) {
    return this.privacy.add(ctx, input);
  }

  @Mutation(() => ID, { description: "Deletes one of the viewer's privacy zones; returns its id. Tracks show the points inside it again." })
  removePrivacyZone(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The zone to remove.' }) id: string) {
    return this.privacy.remove(ctx, id);
  }
}
