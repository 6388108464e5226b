import { Injectable } from '@nestjs/common';
import { OpportunityEvents } from '@crm/contracts/opportunity';
import { EventReaction, TransactionHost, type EventEnvelope, type EventReactionHandler } from '@crm/platform';

export const OPPORTUNITY_EVENTS = [
  OpportunityEvents.created,
  OpportunityEvents.updated,
  OpportunityEvents.stageChanged,
  OpportunityEvents.won,
  OpportunityEvents.lost,
] as const;

type Run = (text: string, values: unknown[]) => Promise<unknown>;

/**
 * Applies Opportunity events, in order, to the customer's copy of its opportunities (status, amount, currency,
 * won at) and recomputes the figures shown on each customer touched: ever won, last won, open opportunities
 * and their amount per currency. A won or lost copy stays so: a renewal opened later never makes a won
 * customer "not won" again. Shared by the reaction and the migration that replays the event log.
 */
export async function applyOpportunityEvents(run: Run, events: readonly { type: string; payload: unknown }[]): Promise<void> {
  const customers = new Set<string>();
  for (const event of events) {
    if (OpportunityEvents.created.matches(event)) {
      const { opportunityId, customerId, amount, currency } = event.payload;
      await run(
        `INSERT INTO customer.opportunity_copies (opportunity_id, customer_id, status, amount, currency) VALUES ($1, $2, 'open', $3, $4)
         ON CONFLICT (opportunity_id) DO NOTHING`,
        [opportunityId, customerId, amount, currency],
      );
      customers.add(customerId);
    } else if (OpportunityEvents.updated.matches(event)) {
      const { amount, currency } = event.payload.changes;
      if (!amount && !currency) continue;
      await run(
        `UPDATE customer.opportunity_copies SET amount = CASE WHEN $2 THEN $3::numeric ELSE amount END, currency = coalesce($4, currency)
          WHERE opportunity_id = $1 AND status = 'open'`,
        [event.payload.opportunityId, Boolean(amount), amount ? (amount.to as string | null) : null, currency ? (currency.to as string) : null],
      );
      customers.add(event.payload.customerId);
    } else if (OpportunityEvents.stageChanged.matches(event)) {
      const { opportunityId, customerId, amount, currency } = event.payload;
      await run(`UPDATE customer.opportunity_copies SET amount = $2, currency = $3 WHERE opportunity_id = $1 AND status = 'open'`, [
        opportunityId,
        amount,
        currency,
      ]);
      customers.add(customerId);
    } else if (OpportunityEvents.won.matches(event) || OpportunityEvents.lost.matches(event)) {
      const won = OpportunityEvents.won.matches(event);
      const { opportunityId, customerId, amount, currency } = event.payload;
      await run(
        `INSERT INTO customer.opportunity_copies (opportunity_id, customer_id, status, amount, currency, won_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (opportunity_id) DO UPDATE SET status = EXCLUDED.status, amount = EXCLUDED.amount, currency = EXCLUDED.currency, won_at = EXCLUDED.won_at
          WHERE customer.opportunity_copies.status = 'open'`,
        [opportunityId, customerId, won ? 'won' : 'lost', amount, currency, OpportunityEvents.won.matches(event) ? event.payload.wonAt : null],
      );
      customers.add(customerId);
    }
  }
  if (customers.size === 0) return;
  await run(
    `UPDATE customer.customers c
        SET ever_won = s.ever_won, last_won_at = s.last_won_at, open_opportunity_count = s.open_count, open_pipeline_amounts = s.open_amounts
       FROM (SELECT k.id AS customer_id,
                    coalesce(bool_or(o.status = 'won'), false) AS ever_won,
                    max(o.won_at) AS last_won_at,
                    count(*) FILTER (WHERE o.status = 'open')::int AS open_count,
                    coalesce((SELECT jsonb_agg(jsonb_build_object('currency', a.currency, 'amount', a.amount::text) ORDER BY a.currency)
                                FROM (SELECT p.currency, sum(coalesce(p.amount, 0)) AS amount FROM customer.opportunity_copies p
                                       WHERE p.customer_id = k.id AND p.status = 'open' GROUP BY p.currency) a), '[]'::jsonb) AS open_amounts
               FROM unnest($1::uuid[]) AS k(id) LEFT JOIN customer.opportunity_copies o ON o.customer_id = k.id
              GROUP BY k.id) s
      WHERE c.id = s.customer_id`,
    [[...customers].sort()],
  );
}

/**
 * The customer shows whether it has ever been won [成交客户] and its open pipeline, derived from the Opportunity
 * context's events in the transaction that raised them: the customer read model is right the moment the
 * stage change commits, and customers can be filtered and listed on it without asking another context.
 */
@Injectable()
@EventReaction({ consumer: 'customer.opportunities-projection', events: OPPORTUNITY_EVENTS, delivery: 'in-transaction' })
export class ProjectCustomerOpportunitiesReaction implements EventReactionHandler {
  constructor(private readonly tx: TransactionHost) {}

  handle(event: EventEnvelope): Promise<void> {
    return this.handleAll([event]);
  }

  handleAll(events: readonly EventEnvelope[]): Promise<void> {
    return applyOpportunityEvents((text, values) => this.tx.query(text, values), events);
  }
}
