import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Webhook subscriptions [Webhook 订阅] and one delivery per (subscription, event), the delivery log. */
export class WebhookSchema1732504100000 implements MigrationInterface {
  name = 'WebhookSchema1732504100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SCHEMA IF NOT EXISTS webhook`);
    await db.query(`
      CREATE TABLE webhook.subscriptions (
        id uuid PRIMARY KEY,
        url text NOT NULL,
        event_type_prefixes text[] NOT NULL,
        secret text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        disabled_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE webhook.deliveries (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        subscription_id uuid NOT NULL REFERENCES webhook.subscriptions (id) ON DELETE CASCADE,
        event_id uuid NOT NULL,
        -- The event's place in the outbox: a customer's events go out in this order.
        event_seq bigint NOT NULL,
        event_type text NOT NULL,
        customer_id uuid,
        body text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_attempt_at timestamptz,
        last_status_code integer,
        last_latency_ms integer,
        last_error text,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- Retries stop this long after it (CRM_WEBHOOK_RETRY_FOR_SECONDS); a manual redelivery starts it again.
        retry_from timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT deliveries_once_per_event UNIQUE (subscription_id, event_id)
      )`);
    // The delivery worker's scan, the per-customer order check and the log.
    await db.query(`CREATE INDEX deliveries_due ON webhook.deliveries (next_attempt_at) WHERE status = 'pending'`);
    await db.query(`CREATE INDEX deliveries_pending_per_customer ON webhook.deliveries (subscription_id, customer_id, event_seq) WHERE status = 'pending'`);
    await db.query(`CREATE INDEX deliveries_log ON webhook.deliveries (subscription_id, seq)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP SCHEMA webhook CASCADE`);
  }
}
