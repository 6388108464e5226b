import type { MigrationInterface, QueryRunner } from 'typeorm';
import { applyPaymentEvents, PAYMENT_EVENTS } from '../../application/reactions/project-collected-amounts.reaction.js';

/**
 * Collected amount [回款] as a target metric: a ledger of the payments the Contract / Order context announced
 * (one row per payment, reversed or not) and the amount in force per owner, month of payment and currency.
 * Existing installations replay the payment events from the event log, in order.
 */
export class CollectedAmounts1732508400000 implements MigrationInterface {
  name = 'CollectedAmounts1732508400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE opportunity.collected_payments (
        payment_id uuid PRIMARY KEY,
        order_id uuid NOT NULL,
        owner_id uuid NOT NULL,
        opportunity_id uuid,
        contract_id uuid,
        currency char(3) NOT NULL,
        amount numeric(18, 2) NOT NULL,
        paid_on date NOT NULL,
        reversed boolean NOT NULL
      )`);
    await db.query(`
      CREATE TABLE opportunity.collected_monthly (
        owner_id uuid NOT NULL,
        month date NOT NULL,
        currency char(3) NOT NULL,
        amount numeric(20, 2) NOT NULL,
        PRIMARY KEY (owner_id, month, currency)
      )`);
    const events = (await db.query(`SELECT type, payload FROM platform.events WHERE type = ANY($1::text[]) ORDER BY seq`, [
      PAYMENT_EVENTS.map((contract) => contract.type),
    ])) as { type: string; payload: unknown }[];
    await applyPaymentEvents((text, values) => db.query(text, values), events);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE opportunity.collected_monthly`);
    await db.query(`DROP TABLE opportunity.collected_payments`);
  }
}
