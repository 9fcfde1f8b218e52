import { randomUUID } from 'node:crypto';
import { badInput, notFound, parseId, parseInput, webhookSchema } from '@maratron/domain';
import type { WebhookEvent } from '@maratron/domain';
import { NewWebhook, Webhook } from '@maratron/schema';
import type { WebhookDelivery } from '@maratron/schema';
import type { WebhookConfig } from '../config';
import { requireViewer } from '../context';
import type { RequestContext } from '../context';
import type { RequestDb } from '../database/request-db';
import { hydrate } from '../database/rows';
import type { WebhookSecrets } from './webhook-secrets';
import { resolveTarget } from './webhook-target';
import { WEBHOOK_COLUMNS } from './webhooks.sql';

/** deliveries(first): the most a page holds. */
export const WEBHOOK_DELIVERIES_MAX_PAGE = 100;

/**
 * A runner's webhooks: https endpoints told about their own runs' changes. This service keeps the
 * list and writes the deliveries (`queue`, inside the transaction that changes the runs, so a
 * committed change always has its deliveries); WebhookDispatcher sends them.
 */
export class WebhooksService {
  /** Called after a commit that queued deliveries (the dispatcher in this process, if any, wakes up). */
  onQueued: (() => void) | null = null;

  constructor(
    private readonly config: Pick<WebhookConfig, 'max' | 'allowInsecure' | 'allowPrivateNetworks'>,
    private readonly secrets: WebhookSecrets,
  ) {}

  /** The viewer's webhooks, oldest first. */
  async list(ctx: RequestContext): Promise<Webhook[]> {
    const viewerId = requireViewer(ctx);
    const rows = await ctx.db.query<Webhook>(`SELECT ${WEBHOOK_COLUMNS} FROM webhooks w WHERE w.user_id = $1 ORDER BY w.created_at, w.id`, [
      viewerId,
    ]);
    return hydrate(Webhook, rows);
  }

  /**
   * createWebhook: an https URL whose host resolves only to public addresses (BAD_USER_INPUT, field
   * `url`, otherwise), within WEBHOOKS_MAX; the signing secret is returned this once.
   */
  async create(ctx: RequestContext, url: string, events: readonly string[]): Promise<NewWebhook> {
    const viewerId = requireViewer(ctx);
    const data = parseInput(webhookSchema, { url, events });
    const target = await resolveTarget(data.url, this.config);
    const id = randomUUID();
    const secret = this.secrets.generate();
    return ctx.db.transaction(async () => {
      // Two creates racing for the last place take turns on the runner's row: the second counts the first.
      await ctx.db.execute(`SELECT 1 FROM users WHERE id = $1 FOR NO KEY UPDATE`, [viewerId]);
      const [{ n }] = await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhooks WHERE user_id = $1`, [viewerId]);
      if (n >= this.config.max) throw badInput('url', `You can keep at most ${this.config.max} webhooks; delete one to add another`);
      const rows = await ctx.db.query<Webhook>(
        `INSERT INTO webhooks AS w (id, user_id, url, events, secret) VALUES ($1, $2, $3, $4::varchar[], $5) RETURNING ${WEBHOOK_COLUMNS}`,
        [id, viewerId, target.url.toString(), data.events, this.secrets.encrypt(id, secret)],
      );
      return Object.assign(new NewWebhook(), { secret, webhook: hydrate(Webhook, rows)[0] });
    });
  }

  /** deleteWebhook: anyone else's id is NOT_FOUND, like one that never was. Its deliveries go with it. */
  async delete(ctx: RequestContext, id: string): Promise<string> {
    const viewerId = requireViewer(ctx);
    const webhookId = parseId(id);
    const removed = await ctx.db.execute(`DELETE FROM webhooks WHERE id = $1 AND user_id = $2`, [webhookId, viewerId]);
    if (!removed) throw notFound('Webhook');
    return webhookId;
  }

  /** A webhook's deliveries, newest first (batched across webhooks by the request's loader). */
  deliveries(ctx: RequestContext, webhook: Webhook, first: number | null | undefined): Promise<WebhookDelivery[]> {
    const n = first ?? 20;
    if (!Number.isInteger(n) || n < 0 || n > WEBHOOK_DELIVERIES_MAX_PAGE) {
      throw badInput('first', `First must be between 0 and ${WEBHOOK_DELIVERIES_MAX_PAGE}`);
    }
    if (n === 0) return Promise.resolve([]);
    return ctx.loaders.webhookDeliveries.load({ webhookId: webhook.id, first: n });
  }

  /**
   * Queues `event` for these runs of `userId` to each of their active webhooks that asked for it,
   * in the caller's transaction (one statement however many runs), and wakes the dispatcher after
   * the commit. Called by RunsService wherever runs are written.
   */
  async queue(db: RequestDb, userId: string, event: WebhookEvent, runIds: readonly string[]): Promise<void> {
    if (runIds.length === 0) return;
    const queued = await db.execute(
      `INSERT INTO webhook_deliveries (webhook_id, user_id, event, run_id, occurred_at)
       SELECT w.id, w.user_id, $2::varchar, r.id, now() FROM webhooks w CROSS JOIN unnest($3::uuid[]) WITH ORDINALITY AS r(id, n)
        WHERE w.user_id = $1 AND w.active AND $2::varchar = ANY (w.events)
        ORDER BY r.n, w.id`,
      [userId, event, runIds],
    );
    if (queued > 0) db.afterCommit(() => this.onQueued?.());
  }
}
