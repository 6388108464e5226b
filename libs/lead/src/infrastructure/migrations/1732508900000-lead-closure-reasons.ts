import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Closure reasons [关闭原因] as a managed list: marketing adds, renames, reorders and deactivates
 * them. Each has a stable `key` (what leads store in `closed_reason` and events carry), a zh-CN
 * label, whether closing with it needs a note, an active flag and a sort order. The five reasons
 * of the fixed list are seeded under their old keys, so existing closures and callers keep working;
 * leads reference the list by key instead of the old CHECK.
 */
export class LeadClosureReasons1732508900000 implements MigrationInterface {
  name = 'LeadClosureReasons1732508900000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE lead.closure_reasons (
        key text PRIMARY KEY CHECK (key ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
        label text NOT NULL CHECK (length(label) BETWEEN 1 AND 50),
        note_required boolean NOT NULL DEFAULT false,
        active boolean NOT NULL DEFAULT true,
        sort_order integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT closure_reasons_label_key UNIQUE (label)
      )`);
    await db.query(`
      INSERT INTO lead.closure_reasons (key, label, note_required, sort_order) VALUES
        ('invalid', '无效线索', false, 10),
        ('duplicate', '重复线索', false, 20),
        ('no-need', '无需求', false, 30),
        ('unreachable', '联系不上', false, 40),
        ('other', '其他', true, 1000)`);
    await db.query(`
      ALTER TABLE lead.leads
        DROP CONSTRAINT leads_closed_reason_check,
        ADD CONSTRAINT leads_closed_reason_fkey FOREIGN KEY (closed_reason) REFERENCES lead.closure_reasons (key)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE lead.leads DROP CONSTRAINT leads_closed_reason_fkey`);
    // Leads closed with a reason added since fall back to `other`, the reason's label kept in the note.
    await db.query(`
      UPDATE lead.leads l SET closed_reason = 'other', closed_note = coalesce(l.closed_note, r.label)
        FROM lead.closure_reasons r
       WHERE r.key = l.closed_reason AND l.closed_reason NOT IN ('invalid', 'duplicate', 'no-need', 'unreachable', 'other')`);
    await db.query(`
      ALTER TABLE lead.leads
        ADD CONSTRAINT leads_closed_reason_check CHECK (closed_reason IN ('invalid', 'duplicate', 'no-need', 'unreachable', 'other'))`);
    await db.query(`DROP TABLE lead.closure_reasons`);
  }
}
