import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tasks [任务]: a call, visit or meeting on an opportunity or a customer, due at a time, for an
 * assignee, closed with a result note. `reminded_at` makes the due reminder a once-only event.
 */
export class Tasks1732502300000 implements MigrationInterface {
  name = 'Tasks1732502300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE opportunity.tasks (
        id uuid PRIMARY KEY,
        opportunity_id uuid REFERENCES opportunity.opportunities(id),
        customer_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('call', 'visit', 'meeting')),
        title text NOT NULL,
        due_at timestamptz NOT NULL,
        assignee_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'done')),
        result_note text,
        activity_id uuid,
        closed_at timestamptz,
        closed_by uuid,
        reminded_at timestamptz,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL,
        CHECK ((status = 'done') = (closed_at IS NOT NULL))
      )`);
    // "My tasks today / overdue": open ones by assignee and due time.
    await db.query(`CREATE INDEX tasks_assignee_due_idx ON opportunity.tasks (assignee_id, due_at, id) WHERE status = 'open'`);
    // The reminder scan: open, not yet reminded, by due time.
    await db.query(`CREATE INDEX tasks_unreminded_due_idx ON opportunity.tasks (due_at) WHERE status = 'open' AND reminded_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE opportunity.tasks`);
  }
}
