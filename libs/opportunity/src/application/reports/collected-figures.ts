import { SqlParams, type TransactionHost } from '@crm/platform';

/**
 * Per owner, the collected amount [回款金额] in force for payments made in [start, end) (whole months: a
 * payment counts in the month of its payment date), from the read model the payment events keep. Amounts
 * are SQL numeric as text, every currency summed as the won amount is.
 */
export async function collectedFigures(
  tx: TransactionHost,
  query: { owners: readonly string[]; start: string; end: string },
): Promise<Map<string, { collectedAmount: string }>> {
  const params = new SqlParams();
  const rows = await tx.query<{ owner_id: string; amount: string }>(
    `SELECT owner_id, sum(amount)::numeric(20, 2)::text AS amount
       FROM opportunity.collected_monthly
      WHERE owner_id = ANY(${params.add(query.owners)}::uuid[]) AND month >= ${params.add(query.start)}::date AND month < ${params.add(query.end)}::date
      GROUP BY owner_id`,
    params.values,
  );
  return new Map(rows.map((row) => [row.owner_id, { collectedAmount: row.amount }]));
}
