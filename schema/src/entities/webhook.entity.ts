import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { WebhookEvent } from '@maratron/domain';

registerEnumType(WebhookEvent, {
  name: 'WebhookEvent',
  description: "A change to one of the runner's own runs that a webhook can be told about.",
  valuesConfig: {
    RUN_CREATED: { description: 'A run was stored (createRun, importActivity, a bulk import, the MCP log_run tool).' },
    RUN_UPDATED: { description: 'A run was changed (updateRun).' },
    RUN_DELETED: { description: 'A run was deleted (deleteRun).' },
  },
});

/** One event sent (or still being sent) to a webhook (table `webhook_deliveries`). Owner-only. */
@ObjectType({ simpleResolvers: true, description: 'One event sent, or still being sent, to a webhook, with its outcome.' })
export class WebhookDelivery {
  @Field(() => ID, { description: 'Sent as the X-Maratron-Delivery header, the same on every retry.' })
  id!: string;

  webhookId!: string;
  userId!: string;
  runId!: string;
  occurredAt!: Date;

  @Field(() => WebhookEvent, { description: 'What happened to the run.' })
  event!: WebhookEvent;

  @Field(() => Int, {
    nullable: true,
    description: "The HTTP status of the latest attempt's answer; null before one, or when none came (timeout, refused).",
  })
  responseStatus!: number | null;

  @Field(() => Int, { description: 'How many times it has been sent so far.' })
  attempts!: number;

  @Field(() => Date, { nullable: true, description: 'When an attempt was answered with a 2xx status; null until then.' })
  deliveredAt!: Date | null;

  /** When retries stopped (the retry window passed); the webhook was made inactive then. */
  failedAt!: Date | null;

  @Field(() => Date, { description: 'When it was created.' })
  createdAt!: Date;
}

/** A runner's endpoint for run events (table `webhooks`). Its signing secret is never read back. */
@ObjectType({ simpleResolvers: true, description: "An https endpoint that receives signed POSTs about the runner's run events." })
export class Webhook {
  @Field(() => ID, { description: 'The webhook’s id (for deleteWebhook).' })
  id!: string;

  userId!: string;

  @Field(() => String, { description: 'The https endpoint deliveries are POSTed to.' })
  url!: string;

  @Field(() => [WebhookEvent], { description: 'The run events it receives.' })
  events!: WebhookEvent[];

  @Field(() => Boolean, { description: 'False once deliveries kept failing for the whole retry window; nothing more is sent.' })
  active!: boolean;

  @Field(() => Date, { description: 'When it was created.' })
  createdAt!: Date;
}

/** createWebhook's answer: the signing secret, shown this once. */
@ObjectType({ description: 'A new webhook and its signing secret, shown this once.' })
export class NewWebhook {
  @Field(() => String, { description: 'The HMAC-SHA256 key of X-Maratron-Signature; shown once, keep it.' })
  secret!: string;

  @Field(() => Webhook, { description: 'The webhook created.' })
  webhook!: Webhook;
}
