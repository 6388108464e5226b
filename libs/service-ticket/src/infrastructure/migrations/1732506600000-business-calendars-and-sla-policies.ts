import type { MigrationInterface, QueryRunner } from 'typeorm';

const GRANTS: Record<string, string[]> = {
  admin: ['sla:read', 'sla:configure'],
  'line-head': ['sla:read', 'sla:configure'],
  'service-agent': ['sla:read'],
  'sales-manager': ['sla:read'],
};

/**
 * Business calendars [工作日历] (working days and periods, dated holidays and make-up working days
 * [调休], the teams that work on each, one default) and SLA policies [SLA策略]. A default calendar
 * is created: Asia/Shanghai, Monday to Friday 09:00–12:00 and 13:30–18:00.
 */
export class BusinessCalendarsAndSlaPolicies1732506600000 implements MigrationInterface {
  name = 'BusinessCalendarsAndSlaPolicies1732506600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SCHEMA IF NOT EXISTS service_ticket`);
    await db.query(`
      CREATE TABLE service_ticket.business_calendars (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        time_zone text NOT NULL,
        working_days integer[] NOT NULL,
        periods jsonb NOT NULL,
        exceptions jsonb NOT NULL DEFAULT '[]',
        is_default boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(`CREATE UNIQUE INDEX business_calendars_one_default ON service_ticket.business_calendars (is_default) WHERE is_default`);
    await db.query(`
      CREATE TABLE service_ticket.business_calendar_teams (
        team_id uuid PRIMARY KEY,
        calendar_id uuid NOT NULL REFERENCES service_ticket.business_calendars (id)
      )`);
    await db.query(`CREATE INDEX business_calendar_teams_calendar ON service_ticket.business_calendar_teams (calendar_id)`);
    await db.query(
      `INSERT INTO service_ticket.business_calendars (id, name, time_zone, working_days, periods, is_default)
       VALUES (gen_random_uuid(), '默认工作日历', 'Asia/Shanghai', '{1,2,3,4,5}', $1, true)`,
      [
        JSON.stringify([
          { start: '09:00', end: '12:00' },
          { start: '13:30', end: '18:00' },
        ]),
      ],
    );
    await db.query(`
      CREATE TABLE service_ticket.sla_policies (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        priorities text[] NOT NULL DEFAULT '{}',
        ticket_type_ids uuid[] NOT NULL DEFAULT '{}',
        customer_grades text[] NOT NULL DEFAULT '{}',
        contract_ids uuid[] NOT NULL DEFAULT '{}',
        first_response_minutes integer NOT NULL CHECK (first_response_minutes > 0),
        resolution_minutes integer NOT NULL CHECK (resolution_minutes > 0),
        warning_percent integer NOT NULL CHECK (warning_percent BETWEEN 1 AND 99),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);

    for (const [role, permissions] of Object.entries(GRANTS)) {
      await db.query(
        `UPDATE identity.roles
            SET permissions = ARRAY(SELECT DISTINCT p FROM unnest(permissions || $2::text[]) AS p ORDER BY p),
                version = version + 1, updated_at = now()
          WHERE key = $1`,
        [role, permissions],
      );
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`UPDATE identity.roles SET permissions = ARRAY(SELECT p FROM unnest(permissions) AS p WHERE p NOT LIKE 'sla:%' ORDER BY p)`);
    await db.query(`DROP TABLE service_ticket.sla_policies, service_ticket.business_calendar_teams, service_ticket.business_calendars`);
  }
}
