-- One stage move of a random opportunity, back and forth between 初步接洽 and 需求确认 (the report triggers refresh it).
\set i random(1, 10000)
UPDATE opportunity.opportunities o
   SET stage_id = CASE WHEN o.stage_id = '00000000-0000-7000-8000-00000000b011' THEN '00000000-0000-7000-8000-00000000b012'::uuid
                       ELSE '00000000-0000-7000-8000-00000000b011'::uuid END,
       version = o.version + 1
  FROM public.stage_move_targets t
 WHERE t.i = :i AND o.id = t.id;
