import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks (issue 15, "Integrators").
 *
 * - `webhooks`: a runner's https endpoints for run events. `secret` is the signing secret,
 *   encrypted by the app (AES-256-GCM under a key derived from JWT_SECRET, like the TOTP
 *   secrets): it must be readable to sign, so it can't be a hash. Owner-only.
 * - `webhook_deliveries`: one row per event and webhook, written in the same transaction as the
 *   run it reports, so a committed change is never without its delivery; the row is also the
 *   job (core/src/webhooks/webhook-dispatcher.ts claims due rows with SKIP LOCKED, its
 *   `next_attempt_at` doubling as the lease). Owner-only; the dispatcher reads across runners as
 *   the table owner.
 */
export class Webhooks1764840000000 implements MigrationInterface {
  name = 'Webhooks1764840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhooks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        url text NOT NULL,
        events varchar(20)[] NOT NULL,
        secret text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // webhooks: the viewer's, oldest first; and the active ones of a runner whose run changed.
    await q.query(`CREATE INDEX webhooks_user_created ON webhooks (user_id, created_at, id)`);
    await q.query(`ALTER TABLE webhooks ENABLE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY webhooks_own ON webhooks USING (user_id = (SELECT maratron_viewer())) WITH CHECK (user_id = (SELECT maratron_viewer()))`,
    );

    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        webhook_id uuid NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        event varchar(20) NOT NULL,
        run_id uuid NOT NULL,
        occurred_at timestamptz NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        response_status integer,
        delivered_at timestamptz,
        failed_at timestamptz,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // deliveries(first): a webhook's newest first.
    await q.query(`CREATE INDEX webhook_deliveries_webhook_created ON webhook_deliveries (webhook_id, created_at DESC, id DESC)`);
    // The dispatcher's due work: pending deliveries by when they are next tried.
    await q.query(
      `CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE delivered_at IS NULL AND failed_at IS NULL`,
    );
    await q.query(`CREATE INDEX webhook_deliveries_user ON webhook_deliveries (user_id)`);
    await q.query(`ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY webhook_deliveries_own ON webhook_deliveries USING (user_id = (SELECT maratron_viewer())) WITH CHECK (user_id = (SELECT maratron_viewer()))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_deliveries`);
    await q.query(`DROP TABLE webhooks`);
  }
}
