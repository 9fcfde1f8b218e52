import { createHmac } from 'node:crypto';
import { WakeablePause } from '../common/wakeable-pause';
import type { DataSource } from 'typeorm';
import type { WebhookConfig } from '../config';
import { isDatabaseOutage } from '../database/unavailable';
import type { Logger } from '../logger';
import type { WebhookSecrets } from './webhook-secrets';
import { postOnce } from './webhook-sender';
import { resolveTarget } from './webhook-target';
import type { WebhooksService } from './webhooks.service';

/** How often an idle dispatcher looks for due deliveries (a delivery queued by this process wakes it at once). */
const POLL_MS = 500;
/** Deliveries claimed at once, and sent side by side. */
const BATCH = 10;
/** How long a claimed delivery stays claimed beyond the attempt's timeout: a process that stops mid-attempt leaves it to be retried after. */
const LEASE_MARGIN_SECONDS = 30;

interface Claimed {
  id: string;
  event: string;
  runId: string;
  userId: string;
  occurredAt: Date;
  attempts: number;
  createdAt: Date;
  webhookId: string;
  url: string;
  secret: string;
  active: boolean;
}

/**
 * Sends webhook deliveries: at least once, each attempt a signed POST with a timeout, retried
 * with exponential backoff until the retry window has passed since the event, when the webhook
 * is made inactive.
 *
 * The queue is the `webhook_deliveries` table itself, written in the transaction that changed
 * the runs (WebhooksService.queue) — from any process, the ai-server's MCP tools included — so
 * none is lost between a commit and a queue. Any number of dispatchers (gateway replicas, the
 * worker) share it: a delivery is claimed with FOR UPDATE SKIP LOCKED, its `next_attempt_at`
 * moved past the attempt's end as a lease, so a dispatcher that stops mid-attempt leaves it to
 * be tried again. Reading across runners, the dispatcher works as the table owner; it only ever
 * sends what the runners' own transactions queued.
 *
 * The body is `{"event","runId","userId","occurredAt"}` (ids only: the integrator fetches the run
 * with its token, so visibility applies); `X-Maratron-Delivery` is the delivery's id, the same on
 * every attempt; `X-Maratron-Signature: sha256=<hex HMAC-SHA256 of the body under the secret>`.
 */
export class WebhookDispatcher {
  private stopping = false;
  private working: Promise<void> | null = null;
  /** Cut short when a delivery is queued (or the dispatcher stops). */
  private readonly sleeper = new WakeablePause();

  constructor(
    private readonly dataSource: DataSource,
    private readonly webhooks: WebhooksService,
    private readonly secrets: WebhookSecrets,
    private readonly config: WebhookConfig,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.webhooks.onQueued = () => this.sleeper.wake();
    this.working = this.work().catch((err) => this.logger.error({ err }, 'the webhook dispatcher stopped'));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.webhooks.onQueued = null;
    this.sleeper.stop();
    await this.working;
  }

  private async work(): Promise<void> {
    while (!this.stopping) {
      let batch: Claimed[] = [];
      try {
        batch = await this.claim();
      } catch (err) {
        if (!isDatabaseOutage(err)) this.logger.warn({ err }, 'webhook deliveries could not be read; trying again');
      }
      if (batch.length > 0) await Promise.all(batch.map((d) => this.attempt(d)));
      else await this.sleeper.pause(POLL_MS);
    }
  }

  /** Due deliveries, claimed for one attempt (see the class comment). */
  private async claim(): Promise<Claimed[]> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows] = await this.dataSource.query<[Claimed[], number]>(
      `WITH due AS (
         SELECT d.id FROM webhook_deliveries d
          WHERE d.delivered_at IS NULL AND d.failed_at IS NULL AND d.next_attempt_at <= now()
          ORDER BY d.next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       UPDATE webhook_deliveries d SET next_attempt_at = now() + make_interval(secs => $2)
         FROM due, webhooks w
        WHERE d.id = due.id AND w.id = d.webhook_id
       RETURNING d.id, d.event, d.run_id AS "runId", d.user_id AS "userId", d.occurred_at AS "occurredAt", d.attempts,
                 d.created_at AS "createdAt", w.id AS "webhookId", w.url, w.secret, w.active`,
      [BATCH, Math.ceil(this.config.timeoutMs / 1000) + LEASE_MARGIN_SECONDS],
    );
    return rows;
  }

  private async attempt(d: Claimed): Promise<void> {
    try {
      if (!d.active) {
        // The webhook went inactive while this waited: nothing more is sent to it.
        await this.dataSource.query(`UPDATE webhook_deliveries SET failed_at = now() WHERE id = $1`, [d.id]);
        return;
      }
      const status = await this.send(d);
      if (status !== null && status >= 200 && status < 300) {
        await this.dataSource.query(
          `UPDATE webhook_deliveries SET attempts = attempts + 1, response_status = $2, delivered_at = now() WHERE id = $1`,
          [d.id, status],
        );
        return;
      }
      await this.failed(d, status);
    } catch (err) {
      // The database went away mid-way: the lease runs out and the delivery is tried again.
      this.logger.warn({ err, deliveryId: d.id }, 'a webhook delivery could not be recorded');
    }
  }

  /** The answer's status, or null when none came (refused target, timeout, connection error). */
  private async send(d: Claimed): Promise<number | null> {
    const secret = this.secrets.decrypt(d.webhookId, d.secret);
    if (secret === null) {
      this.logger.warn({ webhookId: d.webhookId }, 'a webhook secret cannot be read (JWT_SECRET changed?); the delivery fails');
      return null;
    }
    const body = JSON.stringify({ event: d.event, runId: d.runId, userId: d.userId, occurredAt: new Date(d.occurredAt).toISOString() });
    const signature = createHmac('sha256', secret).update(body).digest('hex');
    try {
      // Checked again at every attempt, and the address checked is the one connected to.
      const target = await resolveTarget(d.url, this.config);
      return await postOnce(
        target,
        body,
        {
          'content-type': 'application/json',
          'user-agent': 'Maratron-Webhooks/1',
          'x-maratron-delivery': d.id,
          'x-maratron-signature': `sha256=${signature}`,
        },
        this.config.timeoutMs,
      );
    } catch (err) {
      this.logger.info({ err, deliveryId: d.id, webhookId: d.webhookId }, 'a webhook delivery attempt failed');
      return null;
    }
  }

  /**
   * An unsuccessful attempt: tried again after first delay × 2^(attempts − 1) (at most the max
   * delay, and never later than the window's end), or — the window over — the delivery stops and
   * the webhook becomes inactive, with every delivery still waiting for it.
   */
  private async failed(d: Claimed, status: number | null): Promise<void> {
    const attempts = d.attempts + 1;
    const windowEnd = new Date(d.createdAt).getTime() + this.config.retryWindowSeconds * 1000;
    if (Date.now() >= windowEnd) {
      await this.dataSource.transaction(async (m) => {
        await m.query(`UPDATE webhook_deliveries SET attempts = $2, response_status = $3, failed_at = now() WHERE id = $1`, [
          d.id,
          attempts,
          status,
        ]);
        await m.query(`UPDATE webhooks SET active = false WHERE id = $1`, [d.webhookId]);
        await m.query(
          `UPDATE webhook_deliveries SET failed_at = now() WHERE webhook_id = $1 AND delivered_at IS NULL AND failed_at IS NULL AND id <> $2`,
          [d.webhookId, d.id],
        );
      });
      this.logger.warn({ webhookId: d.webhookId }, 'a webhook kept failing for the whole retry window; it is now inactive');
      return;
    }
    const delay = Math.min(this.config.retryFirstDelayMs * 2 ** Math.min(attempts - 1, 30), this.config.retryMaxDelayMs);
    const next = new Date(Math.min(Date.now() + delay, windowEnd));
    await this.dataSource.query(`UPDATE webhook_deliveries SET attempts = $2, response_status = $3, next_attempt_at = $4 WHERE id = $1`, [
      d.id,
      attempts,
      status,
      next,
    ]);
  }
}
