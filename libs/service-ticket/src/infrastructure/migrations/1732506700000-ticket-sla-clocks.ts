import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each ticket's SLA clocks [SLA计时] as data: one row per ticket and metric (first response,
 * resolution) with the deadlines computed from the ticket's history, the moments the warning and
 * the breach were recorded (each once: they are set by a guarded update and never cleared), and the
 * next instant the scan must look at the row. The scan reads a partial index on that instant, so
 * its cost follows the clocks coming due, not the open tickets.
 */
export class TicketSlaClocks1732506700000 implements MigrationInterface {
  name = 'TicketSlaClocks1732506700000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE service_ticket.ticket_sla_clocks (
        ticket_id uuid NOT NULL REFERENCES service_ticket.tickets (id),
        metric text NOT NULL CHECK (metric IN ('first-response', 'resolution')),
        policy_id uuid NOT NULL,
        calendar_id uuid,
        target_minutes integer NOT NULL,
        started_at timestamptz NOT NULL,
        warn_at timestamptz,
        deadline_at timestamptz,
        achieved_at timestamptz,
        paused_since timestamptz,
        stopped_at timestamptz,
        state text NOT NULL,
        warned_at timestamptz,
        breached_at timestamptz,
        next_check_at timestamptz,
        computed_at timestamptz NOT NULL,
        PRIMARY KEY (ticket_id, metric)
      )`);
    await db.query(`CREATE INDEX ticket_sla_clocks_next_check ON service_ticket.ticket_sla_clocks (next_check_at) WHERE next_check_at IS NOT NULL`);
    await db.query(`CREATE INDEX ticket_sla_clocks_breached ON service_ticket.ticket_sla_clocks (ticket_id) WHERE breached_at IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE service_ticket.ticket_sla_clocks`);
  }
}
