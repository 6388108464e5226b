-- Writers of one pipeline's report counts at once (see docs/performance.md, "Stage moves at once").
-- Run against a database the API has migrated (CRM_DEMO=1 for rep.li): 10,000 open opportunities of the
-- default pipeline, half in 初步接洽 and half in 需求确认, all created today, then the read model rebuilt.
ALTER TABLE opportunity.opportunities DISABLE TRIGGER USER;
INSERT INTO opportunity.opportunities (id, customer_id, name, type, pipeline_id, stage_id, stage_entered_at, status, amount, currency,
                                       expected_close_date, source_kind, owner_id, created_at, created_by, updated_at, version)
SELECT gen_random_uuid(), gen_random_uuid(), '并发商机' || i, 'new', '00000000-0000-7000-8000-00000000b001',
       CASE WHEN i % 2 = 0 THEN '00000000-0000-7000-8000-00000000b011'::uuid ELSE '00000000-0000-7000-8000-00000000b012'::uuid END,
       now(), 'open', 1000 + i, 'CNY', DATE '2026-12-01', 'manual', u.id, now(), u.id, now(), 1
  FROM generate_series(1, 10000) AS i, identity.users u
 WHERE u.username = 'rep.li';
ALTER TABLE opportunity.opportunities ENABLE TRIGGER USER;
SELECT opportunity.refresh_report_contributions(NULL);
CREATE TABLE public.stage_move_targets AS SELECT row_number() OVER (ORDER BY id)::int AS i, id FROM opportunity.opportunities;
ALTER TABLE public.stage_move_targets ADD PRIMARY KEY (i);
VACUUM ANALYZE;
