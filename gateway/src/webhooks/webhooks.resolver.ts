import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { WebhookEvent } from '@maratron/domain';
import { NewWebhook, Webhook, WebhookDelivery } from '@maratron/schema';
import type { RequestContext, WebhooksService } from '@maratron/core';

/** The viewer's webhooks: signed POSTs to an https endpoint when one of their runs changes. */
@Resolver()
export class WebhooksResolver {
  constructor(private readonly service: WebhooksService) {}

  @Query(() => [Webhook], { description: "The viewer's webhooks, oldest first." })
  webhooks(@Ctx() ctx: RequestContext) {
    return this.service.list(ctx);
  }

  @Mutation(() => NewWebhook, {
    description:
      "Registers an https URL (whose host resolves to public addresses only) for the viewer's run events; the signing secret is shown this once. At most the server's WEBHOOKS_MAX (default 10).",
  })
  createWebhook(
    @Ctx() ctx: RequestContext,
    @Arg('url', () => String, { description: 'The https endpoint to POST to; plain http and hosts on private networks are refused.' })
    url: string,
    @Arg('events', () => [WebhookEvent], { description: 'The run events to send; at least one.' }) events: WebhookEvent[],
  ) {
    return this.service.create(ctx, url, events);
  }

  @Mutation(() => ID, { description: 'Deletes one of the viewer’s webhooks and its delivery history; nothing more is sent to it.' })
  deleteWebhook(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'One of the viewer’s webhooks; someone else’s is NOT_FOUND.' }) id: string,
  ) {
    return this.service.delete(ctx, id);
  }
}

/** Fields of Webhook beyond its columns. */
@Resolver(() => Webhook)
export class WebhookResolver {
  constructor(private readonly service: WebhooksService) {}

  @FieldResolver(() => [WebhookDelivery], { description: 'Its deliveries, newest first (at most 100).' })
  deliveries(
    @Root() webhook: Webhook,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20, description: 'How many, newest first (1–100).' }) first: number | null,
  ) {
    return this.service.deliveries(ctx, webhook, first);
  }
}
