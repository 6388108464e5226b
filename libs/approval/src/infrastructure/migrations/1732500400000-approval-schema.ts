import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Approval processes (per subject type), requests with their steps, and every decision. */
export class ApprovalSchema1732500400000 implements MigrationInterface {
  name = 'ApprovalSchema1732500400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SCHEMA IF NOT EXISTS approval`);
    await db.query(`
      CREATE TABLE approval.processes (
        subject_type text PRIMARY KEY,
        steps jsonb NOT NULL,
        default_approver_ids uuid[] NOT NULL DEFAULT '{}',
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      INSERT INTO approval.processes (subject_type, steps) VALUES
        ('claim-application', '[{"name": "条线负责人审批", "mode": "any-of", "approvers": {"kind": "line-heads"}}]')`);
    await db.query(`
      CREATE TABLE approval.requests (
        id uuid PRIMARY KEY,
        subject_type text NOT NULL,
        subject_id uuid NOT NULL,
        applicant_id uuid NOT NULL,
        title text NOT NULL,
        context jsonb NOT NULL,
        customer_id uuid,
        status text NOT NULL CHECK (status IN ('pending', 'granted', 'rejected', 'recalled', 'withdrawn')),
        created_at timestamptz NOT NULL,
        closed_at timestamptz,
        version integer NOT NULL
      )`);
    await db.query(`CREATE INDEX requests_subject_idx ON approval.requests (subject_type, subject_id)`);
    await db.query(`CREATE INDEX requests_applicant_idx ON approval.requests (applicant_id, id DESC)`);
    await db.query(`
      CREATE TABLE approval.steps (
        request_id uuid NOT NULL REFERENCES approval.requests(id),
        step_index integer NOT NULL,
        name text NOT NULL,
        mode text NOT NULL CHECK (mode IN ('any-of', 'all-of')),
        approver_ids uuid[] NOT NULL,
        status text NOT NULL,
        PRIMARY KEY (request_id, step_index)
      )`);
    await db.query(`CREATE INDEX steps_pending_approvers_idx ON approval.steps USING gin (approver_ids) WHERE status = 'pending'`);
    await db.query(`CREATE INDEX steps_approvers_idx ON approval.steps USING gin (approver_ids)`);
    await db.query(`
      CREATE TABLE approval.decisions (
        request_id uuid NOT NULL REFERENCES approval.requests(id),
        step_index integer NOT NULL,
        approver_id uuid NOT NULL,
        decision text NOT NULL CHECK (decision IN ('approve', 'reject')),
        comment text,
        decided_at timestamptz NOT NULL,
        PRIMARY KEY (request_id, step_index, approver_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP SCHEMA approval CASCADE`);
  }
}
