import { Injectable } from '@nestjs/common';
import { OrderEvents, type OrderPaymentV1 } from '@crm/contracts/contract';
import { EventReaction, TransactionHost, type EventEnvelope, type EventReactionHandler } from '@crm/platform';

/** Payments [回款] as the Contract / Order context announces them: counted in force, or taken back. */
export const PAYMENT_EVENTS = [OrderEvents.paymentRecorded, OrderEvents.paymentReconciled, OrderEvents.paymentReversed] as const;

type Run = (text: string, values: unknown[]) => Promise<unknown>;

/**
 * Applies payment events to the collected amount [回款金额] per owner and month of payment. Each payment is
 * one row of `collected_payments` (its id is the key), so an event delivered twice, or a reversal arriving
 * before the payment it takes back, changes nothing twice: a payment is counted once when first seen in
 * force, and taken out once, from the owner and month it was counted in, when first seen reversed.
 * Shared by the reaction and the migration that replays the event log.
 */
export async function applyPaymentEvents(run: Run, events: readonly { type: string; payload: unknown }[]): Promise<void> {
  for (const event of events) {
    let p: OrderPaymentV1;
    let inForce: boolean;
    if (OrderEvents.paymentRecorded.matches(event) || OrderEvents.paymentReconciled.matches(event)) [p, inForce] = [event.payload, true];
    else if (OrderEvents.paymentReversed.matches(event)) [p, inForce] = [event.payload, false];
    else continue;
    const row = [p.paymentId, p.orderId, p.ownerId, p.opportunityId, p.contractId, p.currency, p.amount, p.paidOn];
    if (inForce) {
      await run(
        `WITH added AS (
           INSERT INTO opportunity.collected_payments (payment_id, order_id, owner_id, opportunity_id, contract_id, currency, amount, paid_on, reversed)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, false)
           ON CONFLICT (payment_id) DO NOTHING
           RETURNING owner_id, paid_on, currency, amount)
         INSERT INTO opportunity.collected_monthly (owner_id, month, currency, amount)
         SELECT owner_id, date_trunc('month', paid_on)::date, currency, amount FROM added
         ON CONFLICT (owner_id, month, currency) DO UPDATE SET amount = opportunity.collected_monthly.amount + EXCLUDED.amount`,
        row,
      );
    } else {
      // Inserted (reversal first: never counted) or updated (counted: taken out where it was counted).
      await run(
        `WITH taken AS (
           INSERT INTO opportunity.collected_payments (payment_id, order_id, owner_id, opportunity_id, contract_id, currency, amount, paid_on, reversed)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, true)
           ON CONFLICT (payment_id) DO UPDATE SET reversed = true WHERE opportunity.collected_payments.reversed = false
           RETURNING owner_id, paid_on, currency, amount, xmax <> 0 AS was_counted)
         INSERT INTO opportunity.collected_monthly (owner_id, month, currency, amount)
         SELECT owner_id, date_trunc('month', paid_on)::date, currency, -amount FROM taken WHERE was_counted
         ON CONFLICT (owner_id, month, currency) DO UPDATE SET amount = opportunity.collected_monthly.amount + EXCLUDED.amount`,
        row,
      );
    }
  }
}

/**
 * Collected amount [回款] for targets: kept from the Contract / Order context's payment events, after they
 * commit (at least once; the payment ledger makes a repeat harmless), credited to the order's owner in the
 * month the money was paid.
 */
@Injectable()
@EventReaction({ consumer: 'opportunity.collected-amounts', events: PAYMENT_EVENTS })
export class ProjectCollectedAmountsReaction implements EventReactionHandler {
  constructor(private readonly tx: TransactionHost) {}

  handle(event: EventEnvelope): Promise<void> {
    return applyPaymentEvents((text, values) => this.tx.query(text, values), [event]);
  }
}
