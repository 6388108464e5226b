import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Batch behaviour ingest [行为数据批量接入] for tracking systems: an activity may carry the
 * sender's own id (`external_id`, unique, so a re-sent batch records nothing twice); a tracking
 * system's visitor id [访客ID] is linked to the lead it was first matched to by mobile or e-mail,
 * so later behaviour keyed by the visitor id alone finds the lead. A role for such integrations
 * holds only the ingest permission.
 */
export class LeadActivityIngest1732508210000 implements MigrationInterface {
  name = 'LeadActivityIngest1732508210000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE lead.activities ADD COLUMN external_id text`);
    await db.query(`CREATE UNIQUE INDEX activities_external_id_key ON lead.activities (external_id) WHERE external_id IS NOT NULL`);
    await db.query(`
      CREATE TABLE lead.visitor_ids (
        visitor_id text PRIMARY KEY,
        lead_id uuid NOT NULL REFERENCES lead.leads(id),
        linked_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX visitor_ids_lead_idx ON lead.visitor_ids (lead_id)`);
    await db.query(
      `UPDATE identity.roles SET permissions = ARRAY(SELECT DISTINCT p FROM unnest(permissions || ARRAY['lead:ingest']) AS p ORDER BY p),
              version = version + 1, updated_at = now()
        WHERE key IN ('admin', 'marketing')`,
    );
    await db.query(
      `INSERT INTO identity.roles (key, name, description, permissions, data_scope)
       VALUES ('lead-integration', '线索行为对接', 'Tracking systems: send lead behaviour in batches.', ARRAY['lead:ingest'], 'own')
       ON CONFLICT (key) DO NOTHING`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM identity.roles WHERE key = 'lead-integration'`);
    await db.query(`UPDATE identity.roles SET permissions = array_remove(permissions, 'lead:ingest')`);
    await db.query(`DROP TABLE lead.visitor_ids`);
    await db.query(`DROP INDEX lead.activities_external_id_key`);
    await db.query(`ALTER TABLE lead.activities DROP COLUMN external_id`);
  }
}
