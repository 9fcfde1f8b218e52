import type { Webhook, WebhookDelivery } from '@maratron/schema';
import { select } from '../database/columns';
import type { ColumnMap } from '../database/columns';

/** Columns of `webhooks` as Webhook properties. */
export const WEBHOOK_FIELDS: ColumnMap<Webhook> = {
  table: 'webhooks',
  fields: {
    id: 'id',
    userId: 'user_id',
    url: 'url',
    events: 'events',
    active: 'active',
    createdAt: 'created_at',
  },
  unmapped: { secret: 'the signing secret, encrypted; read only by the dispatcher to sign' },
};
export const WEBHOOK_COLUMNS = select('w', WEBHOOK_FIELDS);

/** Columns of `webhook_deliveries` as WebhookDelivery properties. */
export const WEBHOOK_DELIVERY_FIELDS: ColumnMap<WebhookDelivery> = {
  table: 'webhook_deliveries',
  fields: {
    id: 'id',
    webhookId: 'webhook_id',
    userId: 'user_id',
    runId: 'run_id',
    occurredAt: 'occurred_at',
    event: 'event',
    responseStatus: 'response_status',
    attempts: 'attempts',
    deliveredAt: 'delivered_at',
    failedAt: 'failed_at',
    createdAt: 'created_at',
  },
  unmapped: { next_attempt_at: "the dispatcher's schedule (and lease while an attempt is under way)" },
};
export const WEBHOOK_DELIVERY_COLUMNS = select('d', WEBHOOK_DELIVERY_FIELDS);
