import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Conversions per pool [线索池转化]: the lead keeps what its conversion produced (a customer created
 * or an existing one linked, the amount of the opportunity it opened), and converted leads are found
 * by when they were converted (a partial index: other leads stay out of it). Earlier conversions
 * take whether their customer was created from the lead's history; their amount stays unknown.
 */
export class LeadConversionFigures1732509440000 implements MigrationInterface {
  name = 'LeadConversionFigures1732509440000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE lead.leads
        ADD COLUMN converted_customer_created boolean,
        ADD COLUMN converted_opportunity_amount numeric(18,2)`);
    await db.query(`
      UPDATE lead.leads l SET converted_customer_created = (h.detail->>'customerCreated')::boolean
        FROM lead.history h
       WHERE h.lead_id = l.id AND h.what = 'converted' AND l.status = 'converted' AND h.detail ? 'customerCreated'`);
    await db.query(`CREATE INDEX leads_converted_at_idx ON lead.leads (converted_at) WHERE status = 'converted'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX lead.leads_converted_at_idx`);
    await db.query(`ALTER TABLE lead.leads DROP COLUMN converted_opportunity_amount, DROP COLUMN converted_customer_created`);
  }
}
