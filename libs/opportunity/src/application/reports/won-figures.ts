import { SqlParams, type TransactionHost } from '@crm/platform';

/** What a target measures [考核指标]: won amount, won count, new customers and collected amount [回款金额]. */
export const TARGET_METRICS = ['won-amount', 'won-count', 'new-customers', 'collected-amount'] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];

/**
 * Per owner, what they achieved in [start, end) (days in the company's time zone), counting won
 * opportunities by won_at: the won amount, how many were won, and new customers [新客户] — customers whose
 * first won opportunity ever (by anyone) falls in the period, credited to that opportunity's owner.
 * Owners null means everyone. Amounts are SQL numeric as text.
 */
export async function wonFigures(
  tx: TransactionHost,
  query: { owners: readonly string[] | null; start: string; end: string; timeZone: string },
): Promise<Map<string, { wonAmount: string; wonCount: number; newCustomers: number }>> {
  const params = new SqlParams();
  const zone = params.add(query.timeZone);
  const from = `${params.add(query.start)}::date::timestamp AT TIME ZONE ${zone}`;
  const to = `${params.add(query.end)}::date::timestamp AT TIME ZONE ${zone}`;
  const owners = query.owners === null ? 'TRUE' : `o.owner_id = ANY(${params.add(query.owners)}::uuid[])`;
  const rows = await tx.query<{ owner_id: string; won_amount: string; won_count: number; new_customers: number }>(
    `WITH won AS (
       SELECT o.owner_id, coalesce(sum(o.amount), 0)::numeric(20, 2)::text AS won_amount, count(*)::int AS won_count
         FROM opportunity.opportunities o
        WHERE o.status = 'won' AND o.won_at >= ${from} AND o.won_at < ${to} AND ${owners}
        GROUP BY o.owner_id
     ),
     firsts AS (
       SELECT DISTINCT ON (f.customer_id) f.customer_id, f.owner_id, f.won_at
         FROM opportunity.opportunities f
        WHERE f.status = 'won' AND f.customer_id IN (
                SELECT o.customer_id FROM opportunity.opportunities o WHERE o.status = 'won' AND o.won_at >= ${from} AND o.won_at < ${to})
        ORDER BY f.customer_id, f.won_at, f.id
     ),
     fresh AS (
       SELECT o.owner_id, count(*)::int AS new_customers FROM firsts o WHERE o.won_at >= ${from} AND ${owners} GROUP BY o.owner_id
     )
     SELECT coalesce(w.owner_id, n.owner_id) AS owner_id, coalesce(w.won_amount, '0.00') AS won_amount,
            coalesce(w.won_count, 0) AS won_count, coalesce(n.new_customers, 0) AS new_customers
       FROM won w FULL JOIN fresh n ON n.owner_id = w.owner_id`,
    params.values,
  );
  return new Map(rows.map((row) => [row.owner_id, { wonAmount: row.won_amount, wonCount: row.won_count, newCustomers: row.new_customers }]));
}
