import type { MigrationInterface, QueryRunner } from 'typeorm';

const GRANTS: Record<string, string[]> = {
  admin: ['ticket:read', 'ticket:create', 'ticket:work', 'ticket:assign', 'ticket:supervise', 'ticket:configure'],
  'sales-manager': ['ticket:read', 'ticket:create', 'ticket:supervise'],
  'sales-rep': ['ticket:read', 'ticket:create'],
  'service-agent': ['ticket:read', 'ticket:create', 'ticket:work'],
  'line-head': ['ticket:read', 'ticket:work', 'ticket:assign', 'ticket:supervise'],
};

/**
 * Tickets [工单]: a tree of ticket types with their eligibility policy and reopen window, tickets
 * with their eligibility verdict, the status history SLA clocks are replayed from, handling
 * records, assignment rules and agent capacity, field work orders, and self-service tokens.
 */
export class TicketSchema1732506000000 implements MigrationInterface {
  name = 'TicketSchema1732506000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SCHEMA IF NOT EXISTS service_ticket`);
    await db.query(`
      CREATE TABLE service_ticket.ticket_types (
        id uuid PRIMARY KEY,
        parent_id uuid REFERENCES service_ticket.ticket_types(id),
        path uuid[] NOT NULL,
        name text NOT NULL,
        eligibility_policy text NOT NULL CHECK (eligibility_policy IN ('refuse', 'accept-flagged', 'not-checked')),
        reopen_window_days integer NOT NULL CHECK (reopen_window_days >= 0),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(
      `CREATE UNIQUE INDEX ticket_types_name_key ON service_ticket.ticket_types (COALESCE(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name))`,
    );
    await db.query(`CREATE SEQUENCE service_ticket.ticket_numbers`);
    await db.query(`
      CREATE TABLE service_ticket.tickets (
        id uuid PRIMARY KEY,
        number text NOT NULL UNIQUE,
        customer_id uuid NOT NULL,
        customer_grade text,
        region text,
        contact_id uuid,
        product_id uuid,
        product_line_id uuid,
        order_id uuid,
        contract_id uuid,
        type_id uuid NOT NULL REFERENCES service_ticket.ticket_types(id),
        type_path uuid[] NOT NULL,
        title text NOT NULL,
        description text NOT NULL,
        priority text NOT NULL,
        channel text NOT NULL,
        status text NOT NULL,
        team_id uuid,
        handler_id uuid,
        tier integer NOT NULL DEFAULT 1,
        resolution text,
        resolved_at timestamptz,
        closed_at timestamptz,
        first_responded_at timestamptz,
        satisfaction_score integer CHECK (satisfaction_score BETWEEN 1 AND 5),
        satisfaction_comment text,
        rated_at timestamptz,
        eligibility jsonb NOT NULL,
        created_via text NOT NULL,
        created_by_kind text NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(`CREATE INDEX tickets_team_idx ON service_ticket.tickets (team_id, id DESC)`);
    await db.query(`CREATE INDEX tickets_handler_idx ON service_ticket.tickets (handler_id, status)`);
    await db.query(`CREATE INDEX tickets_customer_idx ON service_ticket.tickets (customer_id, id DESC)`);
    await db.query(`CREATE INDEX tickets_contact_idx ON service_ticket.tickets (contact_id, id DESC) WHERE contact_id IS NOT NULL`);
    await db.query(`CREATE INDEX tickets_creator_idx ON service_ticket.tickets (created_by, id DESC)`);
    await db.query(`
      CREATE TABLE service_ticket.status_history (
        id bigserial PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES service_ticket.tickets(id),
        from_status text,
        to_status text NOT NULL,
        at timestamptz NOT NULL,
        by_kind text,
        by_id uuid,
        reason text
      )`);
    await db.query(`CREATE INDEX status_history_ticket_idx ON service_ticket.status_history (ticket_id, at, id)`);
    await db.query(`
      CREATE TABLE service_ticket.records (
        id uuid PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES service_ticket.tickets(id),
        kind text NOT NULL CHECK (kind IN ('internal-note', 'public-reply', 'customer-reply')),
        body text NOT NULL,
        author_kind text NOT NULL,
        author_id uuid NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX records_ticket_idx ON service_ticket.records (ticket_id, id)`);
    await db.query(`
      CREATE TABLE service_ticket.handling_changes (
        id uuid PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES service_ticket.tickets(id),
        kind text NOT NULL CHECK (kind IN ('assignment', 'escalation', 'transfer')),
        from_team_id uuid,
        to_team_id uuid,
        from_handler_id uuid,
        to_handler_id uuid,
        reason text,
        dedupe_key text,
        by_id uuid,
        at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX handling_changes_ticket_idx ON service_ticket.handling_changes (ticket_id, at, id)`);
    await db.query(`CREATE UNIQUE INDEX handling_changes_dedupe_key ON service_ticket.handling_changes (ticket_id, dedupe_key) WHERE dedupe_key IS NOT NULL`);
    await db.query(`
      CREATE TABLE service_ticket.assignment_rules (
        id uuid PRIMARY KEY,
        position integer NOT NULL UNIQUE,
        name text NOT NULL,
        conditions jsonb NOT NULL,
        team_id uuid NOT NULL,
        strategy text NOT NULL CHECK (strategy IN ('round-robin', 'least-busy', 'queue'))
      )`);
    await db.query(`CREATE TABLE service_ticket.team_queues (team_id uuid PRIMARY KEY, last_served_id uuid)`);
    await db.query(
      `CREATE TABLE service_ticket.agents (user_id uuid PRIMARY KEY, capacity integer CHECK (capacity >= 0), updated_at timestamptz NOT NULL DEFAULT now())`,
    );
    await db.query(`
      CREATE TABLE service_ticket.work_orders (
        id uuid PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES service_ticket.tickets(id),
        address text NOT NULL,
        appointment_start timestamptz NOT NULL,
        appointment_end timestamptz NOT NULL,
        technician_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('scheduled', 'checked-in', 'checked-out', 'signed-off')),
        checked_in_at timestamptz,
        checked_out_at timestamptz,
        parts_used jsonb NOT NULL DEFAULT '[]',
        result text,
        signed_by text,
        signed_at timestamptz,
        notes text,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(`CREATE INDEX work_orders_ticket_idx ON service_ticket.work_orders (ticket_id, id)`);
    await db.query(`CREATE INDEX work_orders_technician_idx ON service_ticket.work_orders (technician_id, ticket_id)`);
    await db.query(`
      CREATE TABLE service_ticket.portal_tokens (
        id uuid PRIMARY KEY,
        token_hash text NOT NULL UNIQUE,
        customer_id uuid NOT NULL,
        contact_id uuid NOT NULL,
        how text NOT NULL CHECK (how IN ('issued', 'verified')),
        issued_by uuid,
        issued_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    // rate-limiter-flexible's PostgreSQL store: self-service calls per address and per token.
    await db.query(`CREATE TABLE service_ticket.public_requests (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`);
    await db.query(`CREATE INDEX public_requests_expire_idx ON service_ticket.public_requests (expire)`);
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
    await db.query(`UPDATE identity.roles SET permissions = ARRAY(SELECT p FROM unnest(permissions) AS p WHERE p NOT LIKE 'ticket:%' ORDER BY p)`);
    await db.query(`DROP SCHEMA service_ticket CASCADE`);
  }
}
