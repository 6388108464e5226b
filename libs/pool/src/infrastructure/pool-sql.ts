/**
 * SQL for "days without follow-up before this entry is recycled": its grade's override in its
 * pool's rules, else the pool's default. Needs the entry as `e` and its pool as `p`.
 */
export const RECYCLE_DAYS_SQL = `COALESCE((p.rules->'recycleAfterDaysByGrade'->>e.grade)::int, (p.rules->>'recycleAfterDays')::int)`;
