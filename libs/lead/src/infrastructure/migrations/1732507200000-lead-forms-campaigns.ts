import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Web forms [表单] marketing puts on landing pages, their submission counters (rate limits shared by
 * every replica, rate-limiter-flexible's PostgreSQL store), campaigns [市场活动] with their cost,
 * and the won opportunities that came from leads (for the channel ROI report [渠道ROI]).
 */
export class LeadFormsCampaigns1732507200000 implements MigrationInterface {
  name = 'LeadFormsCampaigns1732507200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE lead.forms (
        id uuid PRIMARY KEY,
        key text NOT NULL UNIQUE CHECK (key ~ '^[a-z0-9][a-z0-9-]{2,63}$'),
        name text NOT NULL,
        pool_id uuid NOT NULL REFERENCES lead.pools(id),
        channel text NOT NULL,
        campaign text,
        fields jsonb NOT NULL,
        honeypot_field text NOT NULL DEFAULT 'website',
        max_per_address_per_minute integer NOT NULL DEFAULT 10,
        max_per_minute integer NOT NULL DEFAULT 600,
        enabled boolean NOT NULL DEFAULT true,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(`
      CREATE TABLE lead.form_submission_limits (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      )`);
    await db.query(`CREATE INDEX form_submission_limits_expire_idx ON lead.form_submission_limits (expire)`);
    await db.query(`
      CREATE TABLE lead.campaigns (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        channel text,
        cost numeric(18,2) NOT NULL DEFAULT 0 CHECK (cost >= 0),
        starts_on date,
        ends_on date,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    // Opportunities opened from leads, and their amount once won (from the Opportunity context's events).
    await db.query(`
      CREATE TABLE lead.lead_opportunities (
        opportunity_id uuid PRIMARY KEY,
        lead_id uuid NOT NULL,
        won_amount numeric(18,2),
        currency text,
        won_at timestamptz
      )`);
    await db.query(`CREATE INDEX lead_opportunities_lead_idx ON lead.lead_opportunities (lead_id)`);
    // The ROI report reads leads by creation time, channel and campaign.
    await db.query(`CREATE INDEX leads_created_idx ON lead.leads (created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX lead.leads_created_idx`);
    await db.query(`DROP TABLE lead.lead_opportunities`);
    await db.query(`DROP TABLE lead.campaigns`);
    await db.query(`DROP TABLE lead.form_submission_limits`);
    await db.query(`DROP TABLE lead.forms`);
  }
}
