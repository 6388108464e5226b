import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tasks on leads [线索任务] (OPP-6): a task is about an opportunity, a customer or a lead; a lead
 * has no customer yet, so `customer_id` may be empty when `lead_id` is set.
 */
export class TaskLeads1732508230000 implements MigrationInterface {
  name = 'TaskLeads1732508230000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE opportunity.tasks
        ADD COLUMN lead_id uuid,
        ALTER COLUMN customer_id DROP NOT NULL,
        ADD CONSTRAINT tasks_subject_check CHECK (customer_id IS NOT NULL OR lead_id IS NOT NULL)`);
    await db.query(`CREATE INDEX tasks_lead_due_idx ON opportunity.tasks (lead_id, due_at, id) WHERE lead_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX opportunity.tasks_lead_due_idx`);
    await db.query(`DELETE FROM opportunity.tasks WHERE customer_id IS NULL`);
    await db.query(`ALTER TABLE opportunity.tasks DROP CONSTRAINT tasks_subject_check, DROP COLUMN lead_id, ALTER COLUMN customer_id SET NOT NULL`);
  }
}
