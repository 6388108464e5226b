import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Conversions that wait for approval [转化待审批]: a conversion whose new customer the converter
 * may not hold leaves the lead `converting` with what is still to do (`pending_conversion`) until
 * the claim application is decided. A converting lead keeps its keys, so the unique indexes that
 * keep one live lead per person cover both statuses, and the application finds its lead by id.
 */
export class LeadConversionApproval1732509480000 implements MigrationInterface {
  name = 'LeadConversionApproval1732509480000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE lead.leads
        ADD COLUMN pending_conversion jsonb,
        DROP CONSTRAINT leads_status_check,
        ADD CONSTRAINT leads_status_check CHECK (status IN ('open', 'converting', 'converted', 'closed')),
        ADD CONSTRAINT leads_pending_conversion_check CHECK ((status = 'converting') = (pending_conversion IS NOT NULL))`);
    await this.keys(db, `status IN ('open', 'converting')`);
    await db.query(`CREATE UNIQUE INDEX leads_pending_application_key ON lead.leads ((pending_conversion->>'applicationId')) WHERE status = 'converting'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX lead.leads_pending_application_key`);
    await db.query(`UPDATE lead.leads SET status = 'open' WHERE status = 'converting'`);
    await this.keys(db, `status = 'open'`);
    await db.query(`
      ALTER TABLE lead.leads
        DROP CONSTRAINT leads_pending_conversion_check,
        DROP CONSTRAINT leads_status_check,
        ADD CONSTRAINT leads_status_check CHECK (status IN ('open', 'converted', 'closed')),
        DROP COLUMN pending_conversion`);
  }

  /** One live lead per mobile, e-mail, or company alone (LEAD-2), for the statuses given. */
  private async keys(db: QueryRunner, live: string): Promise<void> {
    await db.query(`DROP INDEX lead.leads_open_mobile_key, lead.leads_open_email_key, lead.leads_open_company_only_key, lead.leads_open_company_idx`);
    await db.query(`CREATE UNIQUE INDEX leads_open_mobile_key ON lead.leads (mobile_key) WHERE ${live} AND mobile_key IS NOT NULL`);
    await db.query(`CREATE UNIQUE INDEX leads_open_email_key ON lead.leads (email_key) WHERE ${live} AND email_key IS NOT NULL`);
    await db.query(`CREATE UNIQUE INDEX leads_open_company_only_key ON lead.leads (company_key) WHERE ${live} AND mobile_key IS NULL AND email_key IS NULL`);
    await db.query(`CREATE INDEX leads_open_company_idx ON lead.leads (company_key, id) WHERE ${live}`);
  }
}
