import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@crm/platform';

export interface WonOpportunity {
  opportunityId: string;
  customerId: string;
  ownerId: string;
  name: string;
  amount: string;
  currency: string;
  productIds: string[];
}

/** Won opportunities as the Opportunity context announced them (`opportunity.won`), kept in this context's own table. */
@Injectable()
export class WonOpportunities {
  constructor(private readonly tx: TransactionHost) {}

  async record(won: WonOpportunity & { wonAt: string }): Promise<void> {
    await this.tx.query(
      `INSERT INTO contract.won_opportunities (opportunity_id, customer_id, owner_id, name, amount, currency, product_ids, won_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (opportunity_id) DO NOTHING`,
      [won.opportunityId, won.customerId, won.ownerId, won.name, won.amount, won.currency, won.productIds, won.wonAt],
    );
  }

  async find(opportunityId: string): Promise<WonOpportunity | undefined> {
    const row = await this.tx.queryOne<{
      opportunity_id: string;
      customer_id: string;
      owner_id: string;
      name: string;
      amount: string;
      currency: string;
      product_ids: string[];
    }>(
      `SELECT opportunity_id, customer_id, owner_id, name, amount::text AS amount, currency, product_ids FROM contract.won_opportunities WHERE opportunity_id = $1`,
      [opportunityId],
    );
    return row
      ? {
          opportunityId: row.opportunity_id,
          customerId: row.customer_id,
          ownerId: row.owner_id,
          name: row.name,
          amount: row.amount,
          currency: row.currency,
          productIds: row.product_ids,
        }
      : undefined;
  }
}
