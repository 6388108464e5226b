import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, TransactionHost, UnitOfWork, type AppConfig } from '@crm/platform';
import { WebhookEvents } from '../../contracts/events.js';
import { acknowledged, retryDelayMs, signature } from '../../domain/webhook-delivery.js';
import { WebhookSafety } from '../../infrastructure/webhook-safety.js';
import { DeliverySignal } from './delivery-signal.js';

const BATCH = 50;
const MAX_IDLE_POLL_MS = 1000;

interface DueDelivery {
  id: string;
  subscription_id: string;
  event_id: string;
  body: string;
  attempts: number;
  url: string;
  secret: string;
}

interface Outcome {
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
}

/**
 * POSTs pending deliveries to their subscribers, at least once, in the processes that run the
 * event dispatcher. A delivery is leased (its next attempt moved past the timeout) in a short
 * transaction, sent outside any transaction, then recorded: several processes work side by side
 * (SKIP LOCKED), and one that dies mid-send leaves a lease that runs out and is sent again.
 * For one subscription, an event about a customer waits while an earlier one (outbox order) about
 * the same customer is still pending or not yet dispatched, so a slow or failing receiver, and
 * dispatchers in several processes, still give each customer's events in order.
 */
@Injectable()
export class WebhookDeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('WebhookDelivery');
  private running = false;
  private loop?: Promise<void>;

  constructor(
    private readonly tx: TransactionHost,
    private readonly uow: UnitOfWork,
    private readonly signal: DeliverySignal,
    private readonly safety: WebhookSafety,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runEventDispatcher) return;
    this.running = true;
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.signal.wake();
    await this.loop;
  }

  /** Sends one batch of what is due now; returns how many deliveries were attempted. */
  async deliverDue(): Promise<number> {
    const due = await this.lease();
    await Promise.all(due.map(async (delivery) => this.record(delivery, await this.send(delivery))));
    return due.length;
  }

  private lease(): Promise<DueDelivery[]> {
    const leaseMs = this.config.webhookTimeoutMs * 2 + 5000;
    return this.tx.run(() =>
      this.tx.query<DueDelivery>(
        `WITH due AS (
           SELECT d.seq FROM webhook.deliveries d JOIN webhook.subscriptions s ON s.id = d.subscription_id AND s.active
            WHERE d.status = 'pending' AND d.next_attempt_at <= now()
              AND (d.customer_id IS NULL OR (
                    NOT EXISTS (
                      SELECT 1 FROM webhook.deliveries earlier
                       WHERE earlier.subscription_id = d.subscription_id AND earlier.customer_id = d.customer_id
                         AND earlier.status = 'pending' AND earlier.event_seq < d.event_seq)
                    -- An earlier event about the customer still being dispatched (by this or another process) may yet queue a delivery.
                    AND NOT EXISTS (
                      SELECT 1 FROM platform.events e
                       WHERE e.dispatched_at IS NULL AND e.seq < d.event_seq AND e.customer_id = d.customer_id)))
            ORDER BY d.event_seq LIMIT $1
            FOR UPDATE OF d SKIP LOCKED)
         UPDATE webhook.deliveries d
            SET next_attempt_at = now() + make_interval(secs => $2::double precision / 1000), attempts = d.attempts + 1, last_attempt_at = now()
           FROM due, webhook.subscriptions s
          WHERE d.seq = due.seq AND s.id = d.subscription_id
         RETURNING d.id, d.subscription_id, d.event_id, d.body, d.attempts, s.url, s.secret`,
        [BATCH, leaseMs],
      ),
    );
  }

  private async send(delivery: DueDelivery): Promise<Outcome> {
    const timestamp = Math.floor(Date.now() / 1000);
    const started = performance.now();
    const timeout = AbortSignal.timeout(this.config.webhookTimeoutMs);
    try {
      // Checked at every attempt, on the addresses the connection uses: a name may come to point inside the network later.
      const status = await this.safety.post(
        delivery.url,
        {
          'content-type': 'application/json',
          'user-agent': 'crm-webhooks/1',
          'webhook-id': delivery.event_id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signature(this.safety.open(delivery.secret), delivery.event_id, timestamp, delivery.body),
        },
        delivery.body,
        timeout,
      );
      return { statusCode: status, latencyMs: Math.round(performance.now() - started), error: acknowledged(status) ? null : `HTTP ${status}` };
    } catch (error) {
      const timedOut = timeout.aborted;
      const message = timedOut ? `No answer within ${this.config.webhookTimeoutMs} ms` : String((error as Error).cause ?? (error as Error).message);
      return { statusCode: null, latencyMs: Math.round(performance.now() - started), error: message.slice(0, 500) };
    }
  }

  private async record(delivery: DueDelivery, outcome: Outcome): Promise<void> {
    try {
      if (acknowledged(outcome.statusCode)) {
        await this.tx.query(
          `UPDATE webhook.deliveries SET status = 'delivered', delivered_at = now(), last_status_code = $2, last_latency_ms = $3, last_error = NULL
            WHERE id = $1`,
          [delivery.id, outcome.statusCode, outcome.latencyMs],
        );
        return;
      }
      await this.uow.run(async () => {
        const [row] = await this.tx.query<{ status: string }>(
          `UPDATE webhook.deliveries
              SET last_status_code = $2, last_latency_ms = $3, last_error = $4,
                  status = CASE WHEN retry_from <= now() - make_interval(secs => $5) THEN 'failed' ELSE status END,
                  next_attempt_at = now() + make_interval(secs => $6::double precision / 1000)
            WHERE id = $1 AND status = 'pending'
            RETURNING status`,
          [
            delivery.id,
            outcome.statusCode,
            outcome.latencyMs,
            outcome.error,
            this.config.webhookRetryForSeconds,
            retryDelayMs(delivery.attempts, this.config.webhookBackoffBaseMs),
          ],
        );
        if (row?.status === 'failed') await this.disable(delivery);
      });
      this.logger.warn(`Webhook delivery ${delivery.id} to subscription ${delivery.subscription_id} failed: ${outcome.error}`);
    } catch (error) {
      this.logger.error(`Could not record webhook delivery ${delivery.id}: ${(error as Error).message}`);
    }
  }

  /** Sustained failure: retried for the whole window without an answer. The subscription stops and administrators are told. */
  private async disable(delivery: DueDelivery): Promise<void> {
    const reason = `Delivery of event ${delivery.event_id} kept failing for ${this.config.webhookRetryForSeconds} seconds`;
    const disabled = await this.tx.queryOne<{ url: string }>(
      `UPDATE webhook.subscriptions SET active = false, disabled_reason = $2, updated_at = now() WHERE id = $1 AND active RETURNING url`,
      [delivery.subscription_id, reason],
    );
    if (!disabled) return;
    this.uow.raise(
      WebhookEvents.subscriptionDisabled.create(delivery.subscription_id, { subscriptionId: delivery.subscription_id, url: disabled.url, reason }),
    );
  }

  private async run(): Promise<void> {
    const idleMs = Math.min(MAX_IDLE_POLL_MS, this.config.webhookBackoffBaseMs);
    while (this.running) {
      let attempted = 0;
      try {
        attempted = await this.deliverDue();
      } catch (error) {
        this.logger.error(`Webhook delivery failed: ${(error as Error).message}`);
      }
      if (attempted === 0 && this.running) await this.signal.wait(idleMs);
    }
  }
}
