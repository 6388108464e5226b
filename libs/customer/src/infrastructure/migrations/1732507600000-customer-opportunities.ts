import type { MigrationInterface, QueryRunner } from 'typeorm';
import { applyOpportunityEvents, OPPORTUNITY_EVENTS } from '../../application/reactions/project-customer-opportunities.reaction.js';

/**
 * What the customer shows of its opportunities (ever won [成交], last won, open pipeline), kept from the
 * Opportunity context's events; existing installations replay those events from the event log, in order.
 */
export class CustomerOpportunities1732507600000 implements MigrationInterface {
  name = 'CustomerOpportunities1732507600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE customer.opportunity_copies (
        opportunity_id uuid PRIMARY KEY,
        customer_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'won', 'lost')),
        amount numeric(18, 2),
        currency char(3) NOT NULL,
        won_at timestamptz
      )`);
    await db.query(`CREATE INDEX opportunity_copies_customer_idx ON customer.opportunity_copies (customer_id)`);
    await db.query(`
      ALTER TABLE customer.customers
        ADD COLUMN ever_won boolean NOT NULL DEFAULT false,
        ADD COLUMN last_won_at timestamptz,
        ADD COLUMN open_opportunity_count integer NOT NULL DEFAULT 0,
        ADD COLUMN open_pipeline_amounts jsonb NOT NULL DEFAULT '[]'`);
    const events = (await db.query(`SELECT type, payload FROM platform.events WHERE type = ANY($1::text[]) ORDER BY seq`, [
      OPPORTUNITY_EVENTS.map((contract) => contract.type),
    ])) as { type: string; payload: unknown }[];
    for (let start = 0; start < events.length; start += 1000) {
      await applyOpportunityEvents((text, values) => db.query(text, values), events.slice(start, start + 1000));
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE customer.customers DROP COLUMN ever_won, DROP COLUMN last_won_at, DROP COLUMN open_opportunity_count, DROP COLUMN open_pipeline_amounts`,
    );
    await db.query(`DROP TABLE customer.opportunity_copies`);
  }
}
