import { SqlParams, type TransactionHost } from '@crm/platform';

/** Forecast categories [预测类别] as reported: the open stages' categories, and what was won. */
export const FORECAST_REPORT_CATEGORIES = ['pipeline', 'best-case', 'commit', 'closed-won'] as const;
export type ForecastReportCategory = (typeof FORECAST_REPORT_CATEGORIES)[number];

/** One owner's raw figure in one period and category; `weighted` unrounded, so sums of them stay exact. */
export interface OwnerFigure {
  ownerId: string;
  period: string;
  category: ForecastReportCategory;
  amount: string;
  weighted: string;
}

export interface Adjustment {
  id: string;
  ownerId: string;
  period: string;
  category: ForecastReportCategory;
  amount: string;
  reason: string;
  adjustedBy: string;
  adjustedAt: string;
}

const PERIOD_FORMAT = { month: 'YYYY-MM', quarter: 'YYYY-"Q"Q' } as const;

/**
 * Raw forecast figures per owner, period and category, for days in [start, end): open opportunities
 * by expected close date and their stage's category (omitted stages and opportunities without a close
 * date do not count), won ones as `closed-won` by the day of won_at in the company's time zone. Weighted
 * = amount × probability / 100 (the owner's override where set; won at 100). Sums are SQL numeric.
 */
type ForecastFiguresInput = { owners: readonly string[] | null; kind: 'month' | 'quarter'; start: string; end: string; timeZone: string };

/**
 * The forecast computed from the rows, as it was before the read model: the benchmark's baseline and the
 * read-model spec's reference.
 * @public
 */
export function forecastStatement(query: ForecastFiguresInput): { text: string; values: unknown[] } {
  const params = new SqlParams();
  const zone = params.add(query.timeZone);
  const format = params.add(PERIOD_FORMAT[query.kind]);
  const start = params.add(query.start);
  const end = params.add(query.end);
  const owners = query.owners === null ? 'TRUE' : `o.owner_id = ANY(${params.add(query.owners)}::uuid[])`;
  return {
    text: `SELECT o.owner_id, f.period, f.category, coalesce(sum(o.amount), 0)::text AS amount, coalesce(sum(o.amount * f.probability) / 100, 0)::text AS weighted
       FROM opportunity.opportunities o
       JOIN opportunity.stages s ON s.id = o.stage_id
      CROSS JOIN LATERAL (
        SELECT CASE WHEN o.status = 'won' THEN to_char((o.won_at AT TIME ZONE ${zone})::date, ${format}) ELSE to_char(o.expected_close_date, ${format}) END AS period,
               CASE WHEN o.status = 'won' THEN 'closed-won' ELSE s.forecast_category END AS category,
               CASE WHEN o.status = 'won' THEN 100 ELSE coalesce(o.probability_override, s.probability) END AS probability
      ) f
      WHERE ${owners}
        AND ((o.status = 'open' AND s.forecast_category IN ('pipeline', 'best-case', 'commit')
              AND o.expected_close_date >= ${start}::date AND o.expected_close_date < ${end}::date)
          OR (o.status = 'won' AND o.won_at >= ${start}::date::timestamp AT TIME ZONE ${zone} AND o.won_at < ${end}::date::timestamp AT TIME ZONE ${zone}))
      GROUP BY o.owner_id, f.period, f.category`,
    values: params.values,
  };
}

/**
 * The same figures from the read model (forecast_monthly: owner, stage, status, month of expected close or of
 * winning), the categories and probabilities read from the stages now. Periods are whole months, so `start`
 * and `end` are first days of months. Exported so the benchmark sends exactly this SQL directly.
 */
export function forecastReadModelStatement(query: Omit<ForecastFiguresInput, 'timeZone'>): { text: string; values: unknown[] } {
  const params = new SqlParams();
  const format = params.add(PERIOD_FORMAT[query.kind]);
  const start = params.add(query.start);
  const end = params.add(query.end);
  const owners = query.owners === null ? 'TRUE' : `f.owner_id = ANY(${params.add(query.owners)}::uuid[])`;
  return {
    text: `SELECT f.owner_id, to_char(f.month, ${format}) AS period, CASE WHEN f.status = 'won' THEN 'closed-won' ELSE s.forecast_category END AS category,
              sum(f.amount)::text AS amount,
              (sum(CASE WHEN f.status = 'won' THEN f.amount * 100 ELSE f.plain_amount * s.probability + f.override_weighted END) / 100)::text AS weighted
         FROM opportunity.forecast_monthly f
         JOIN opportunity.stages s ON s.id = f.stage_id
        WHERE ${owners} AND f.month >= ${start}::date AND f.month < ${end}::date
          AND (f.status = 'won' OR (f.status = 'open' AND s.forecast_category IN ('pipeline', 'best-case', 'commit')))
        GROUP BY 1, 2, 3
       HAVING sum(f.count) > 0`,
    values: params.values,
  };
}

/**
 * The forecast rows as shown, rolled up in SQL (the figures, the latest adjustments and the sums in one
 * statement): per period, group and category, the amount, the weighted amount (Σ amount × probability, rounded
 * half up to the cent once, at the level shown) and the adjusted amount (per owner the manager's amount where
 * one was set, else the raw one, then summed). `groups` maps owners to their team or department (unlisted: no
 * group), or is `total` (all owners in one, group null); null groups by owner, and then each row carries its adjustment. Sorted by period, group, category.
 * One row comes back, `answer`: the JSON text of the whole answer as the API sends it (`{ period, groupBy, periods,
 * rows }`, a ForecastDto), built by PostgreSQL, so the API neither parses thousands of rows into objects nor
 * serialises them again, nor pieces text together (everyone's forecast by owner: some 2,000–7,000 rows, 350 kB and
 * more): it passes the text on as one piece. `groupBy` is only echoed; `groups` decides the rows. The text is compact
 * JSON (no blanks between tokens; `to_json` quotes every value): `json_build_object` put a blank on either side of
 * every colon, a tenth of the bytes (385 against 347 kB for everyone by owner) that PostgreSQL, the API and the client
 * each move again. Adjustments are `jsonb` text (`{"id": …}`), as before.
 * Exported so the benchmark sends exactly this SQL directly.
 */
export function forecastAnswerStatement(
  query: Omit<ForecastFiguresInput, 'timeZone'> & {
    periods: readonly string[];
    groupBy: string;
    groups: { ownerIds: string[]; groupIds: (string | null)[] } | 'total' | null;
  },
): { text: string; values: unknown[] } {
  const params = new SqlParams();
  const format = params.add(PERIOD_FORMAT[query.kind]);
  const start = params.add(query.start);
  const end = params.add(query.end);
  const owners = (column: string) => (query.owners === null ? 'TRUE' : `${column} = ANY(${params.add(query.owners)}::uuid[])`);
  const periods = `${params.add(query.periods)}::text[]`;
  const byOwner = query.groups === null;
  // Summed per team or department (each owner's group from the list; unlisted: null), or all together (`total`: null).
  const groups =
    query.groups === null || query.groups === 'total'
      ? { join: '', id: 'NULL::uuid' }
      : {
          join: `LEFT JOIN unnest(${params.add(query.groups.ownerIds)}::uuid[], ${params.add(query.groups.groupIds)}::uuid[]) AS g(owner_id, group_id) ON g.owner_id = l.owner_id`,
          id: 'g.group_id',
        };
  // By owner each line is a row of its own, with its adjustment: no grouping. Else the lines are summed per group.
  const select = byOwner
    ? `SELECT l.period, l.owner_id AS group_id, l.category, l.amount::numeric(22, 2)::text AS amount,
              (round(l.weighted_100) * 0.01)::text AS weighted_amount, l.adjusted::numeric(22, 2)::text AS adjusted_amount,
              CASE WHEN l.adjustment_id IS NOT NULL THEN jsonb_build_object('id', l.adjustment_id, 'amount', l.adjusted::text, 'reason', l.reason,
                   'adjustedBy', l.adjusted_by, 'adjustedAt', to_char(l.adjusted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) END AS adjustment
         FROM lines l`
    : `SELECT l.period, ${groups.id} AS group_id, l.category, sum(l.amount)::numeric(22, 2)::text AS amount,
              (round(sum(l.weighted_100)) * 0.01)::text AS weighted_amount, sum(l.adjusted)::numeric(22, 2)::text AS adjusted_amount, NULL::jsonb AS adjustment
         FROM lines l ${groups.join}
        GROUP BY 1, 2, 3`;
  return {
    text: `WITH figures AS (
         SELECT f.owner_id, to_char(f.month, ${format}) AS period, CASE WHEN f.status = 'won' THEN 'closed-won' ELSE s.forecast_category END AS category,
                sum(f.amount) AS amount,
                sum(CASE WHEN f.status = 'won' THEN f.amount * 100 ELSE f.plain_amount * s.probability + f.override_weighted END) AS weighted_100
           FROM opportunity.forecast_monthly f
           JOIN opportunity.stages s ON s.id = f.stage_id
          WHERE ${owners('f.owner_id')} AND f.month >= ${start}::date AND f.month < ${end}::date
            AND (f.status = 'won' OR (f.status = 'open' AND s.forecast_category IN ('pipeline', 'best-case', 'commit')))
          GROUP BY 1, 2, 3
         HAVING sum(f.count) > 0
       ),
       adjusted AS (
         SELECT DISTINCT ON (owner_id, period, category) id, owner_id, period, category, amount, reason, adjusted_by, adjusted_at
           FROM opportunity.forecast_adjustments
          WHERE ${owners('owner_id')} AND period = ANY(${periods})
          ORDER BY owner_id, period, category, adjusted_at DESC, id DESC
       ),
       lines AS (
         SELECT coalesce(f.owner_id, a.owner_id) AS owner_id, coalesce(f.period, a.period) AS period, coalesce(f.category, a.category) AS category,
                coalesce(f.amount, 0) AS amount, coalesce(f.weighted_100, 0) AS weighted_100, coalesce(a.amount, f.amount) AS adjusted,
                a.id AS adjustment_id, a.reason, a.adjusted_by, a.adjusted_at
           FROM figures f FULL JOIN adjusted a ON a.owner_id = f.owner_id AND a.period = f.period AND a.category = f.category
       ),
       answer AS (${select})
       SELECT '{"period":' || to_json(${params.add(query.kind)}::text) || ',"groupBy":' || to_json(${params.add(query.groupBy)}::text)
              || ',"periods":' || array_to_json(${periods}) || ',"rows":['
              || coalesce(string_agg('{"period":' || to_json(a.period) || ',"groupId":' || coalesce(to_json(a.group_id)::text, 'null')
                                     || ',"category":' || to_json(a.category) || ',"amount":' || to_json(a.amount)
                                     || ',"weightedAmount":' || to_json(a.weighted_amount) || ',"adjustedAmount":' || to_json(a.adjusted_amount)
                                     || ',"adjustment":' || coalesce(a.adjustment::text, 'null') || '}', ','
                                     ORDER BY a.period COLLATE "C", a.group_id NULLS FIRST,
                                              array_position(${params.add(FORECAST_REPORT_CATEGORIES)}::text[], a.category)), '') || ']}' AS answer
         FROM answer a`,
    values: params.values,
  };
}

/** The owners with a forecast figure or an adjustment in the range: whose team or department a roll-up needs. */
export async function forecastOwners(
  tx: TransactionHost,
  query: { owners: readonly string[] | null; start: string; end: string; periods: readonly string[] },
): Promise<string[]> {
  const params = new SqlParams();
  const owners = query.owners === null ? 'TRUE' : `owner_id = ANY(${params.add(query.owners)}::uuid[])`;
  const rows = await tx.query<{ owner_id: string }>(
    `SELECT owner_id FROM opportunity.forecast_monthly
      WHERE ${owners} AND month >= ${params.add(query.start)}::date AND month < ${params.add(query.end)}::date AND count <> 0
     UNION
     SELECT owner_id FROM opportunity.forecast_adjustments WHERE ${owners} AND period = ANY(${params.add(query.periods)}::text[])`,
    params.values,
  );
  return rows.map((row) => row.owner_id);
}

export async function forecastFigures(tx: TransactionHost, query: ForecastFiguresInput): Promise<OwnerFigure[]> {
  const statement = forecastReadModelStatement(query);
  const rows = await tx.query<{ owner_id: string; period: string; category: ForecastReportCategory; amount: string; weighted: string }>(
    statement.text,
    statement.values,
  );
  return rows.map((row) => ({ ownerId: row.owner_id, period: row.period, category: row.category, amount: row.amount, weighted: row.weighted }));
}

/** The latest adjustment [预测调整] per owner, period and category (earlier ones stay on record). */
export async function latestAdjustments(tx: TransactionHost, query: { owners: readonly string[] | null; periods: readonly string[] }): Promise<Adjustment[]> {
  const params = new SqlParams();
  const owners = query.owners === null ? 'TRUE' : `owner_id = ANY(${params.add(query.owners)}::uuid[])`;
  const rows = await tx.query<{
    id: string;
    owner_id: string;
    period: string;
    category: ForecastReportCategory;
    amount: string;
    reason: string;
    adjusted_by: string;
    adjusted_at: Date;
  }>(
    `SELECT DISTINCT ON (owner_id, period, category) id, owner_id, period, category, amount::text AS amount, reason, adjusted_by, adjusted_at
       FROM opportunity.forecast_adjustments
      WHERE ${owners} AND period = ANY(${params.add(query.periods)}::text[])
      ORDER BY owner_id, period, category, adjusted_at DESC, id DESC`,
    params.values,
  );
  return rows.map((row) => ({
    id: row.id,
    ownerId: row.owner_id,
    period: row.period,
    category: row.category,
    amount: row.amount,
    reason: row.reason,
    adjustedBy: row.adjusted_by,
    adjustedAt: row.adjusted_at.toISOString(),
  }));
}
