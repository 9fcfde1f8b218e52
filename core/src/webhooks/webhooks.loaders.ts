import DataLoader from 'dataloader';
import { WebhookDelivery } from '@maratron/schema';
import type { RequestDb } from '../database/request-db';
import { hydrate } from '../database/rows';
import { WEBHOOK_DELIVERY_COLUMNS } from './webhooks.sql';

export interface DeliveriesKey {
  webhookId: string;
  first: number;
}

export function createWebhookLoaders(db: RequestDb) {
  return {
    /** Webhook.deliveries: each webhook's newest `first`, one statement per distinct `first` (row-level security shows only the viewer's). */
    webhookDeliveries: new DataLoader<DeliveriesKey, WebhookDelivery[], string>(
      async (keys) => {
        const byFirst = new Map<number, string[]>();
        for (const k of keys) byFirst.set(k.first, [...(byFirst.get(k.first) ?? []), k.webhookId]);
        const found = new Map<string, WebhookDelivery[]>();
        for (const [first, ids] of byFirst) {
          const rows = await db.query<WebhookDelivery>(
            `SELECT ${WEBHOOK_DELIVERY_COLUMNS} FROM unnest($1::uuid[]) AS k(id)
               CROSS JOIN LATERAL (SELECT * FROM webhook_deliveries x WHERE x.webhook_id = k.id
                                    ORDER BY x.created_at DESC, x.id DESC LIMIT $2) AS d
              ORDER BY d.webhook_id, d.created_at DESC, d.id DESC`,
            [ids, first],
          );
          for (const row of hydrate(WebhookDelivery, rows)) {
            const key = `${row.webhookId}:${first}`;
            found.set(key, [...(found.get(key) ?? []), row]);
          }
        }
        return keys.map((k) => found.get(`${k.webhookId}:${k.first}`) ?? []);
      },
      { cacheKeyFn: (k) => `${k.webhookId}:${k.first}` },
    ),
  };
}
