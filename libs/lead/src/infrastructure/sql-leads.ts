import { Injectable } from '@nestjs/common';
import { TransactionHost, UnitOfWork } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { Lead, type LeadActivity, type LeadState, type OwnershipChange } from '../domain/lead.aggregate.js';
import { matchingKeys, type LeadKeys, type MatchedOn } from '../domain/lead-keys.js';
import { LeadErrors } from '../domain/lead.errors.js';
import type { ScoredActivity } from '../domain/lead.types.js';
import { Leads, type RescoreSelection } from '../domain/leads.port.js';
import { LEAD_COLUMNS, LIVE, toLeadState, type LeadRow } from './lead-row.js';

const KEY_COLUMNS: Record<MatchedOn, string> = { mobile: 'mobile_key', email: 'email_key', company: 'company_key' };

/** The values of every lead.leads column a save writes, in WRITE_COLUMNS order. */
function rowValues(state: Readonly<LeadState>): unknown[] {
  const { profile, keys, scoring } = state;
  return [
    state.id,
    state.status,
    profile.personName,
    profile.mobile,
    keys.mobile,
    profile.email,
    keys.email,
    profile.companyName,
    keys.company,
    profile.title,
    profile.province,
    profile.city,
    profile.industry,
    profile.channel,
    profile.campaign,
    profile.utmSource,
    profile.utmMedium,
    profile.utmCampaign,
    profile.notes,
    state.poolId,
    state.poolPath,
    state.ownerId,
    state.assignedAt,
    state.lastWorkedAt,
    state.lastCall?.outcome ?? null,
    state.lastCall?.at ?? null,
    state.matchedCustomerId,
    state.conversion?.customerId ?? null,
    state.conversion?.contactId ?? null,
    state.conversion?.opportunityId ?? null,
    state.conversion?.at ?? null,
    state.conversion?.customerCreated ?? null,
    state.conversion?.opportunityAmount ?? null,
    state.pendingConversion ? JSON.stringify(state.pendingConversion) : null,
    state.closure?.reason ?? null,
    state.closure?.note ?? null,
    state.closure?.by ?? null,
    state.closure?.at ?? null,
    state.capturedAt,
    scoring.score,
    scoring.grade,
    JSON.stringify(scoring.contributions),
    scoring.tags,
    scoring.rulesVersion,
    scoring.scoredAt,
    scoring.nextRescoreAt,
    state.createdBy,
    state.createdAt,
    state.updatedAt,
    state.version,
  ];
}

const WRITE_COLUMNS = [
  'id',
  'status',
  'person_name',
  'mobile',
  'mobile_key',
  'email',
  'email_key',
  'company_name',
  'company_key',
  'title',
  'province',
  'city',
  'industry',
  'channel',
  'campaign',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'notes',
  'pool_id',
  'pool_path',
  'owner_id',
  'assigned_at',
  'last_worked_at',
  'last_call_outcome',
  'last_call_at',
  'matched_customer_id',
  'converted_customer_id',
  'converted_contact_id',
  'converted_opportunity_id',
  'converted_at',
  'converted_customer_created',
  'converted_opportunity_amount',
  'pending_conversion',
  'closed_reason',
  'closed_note',
  'closed_by',
  'closed_at',
  'captured_at',
  'score',
  'grade',
  'score_contributions',
  'tags',
  'rules_version',
  'scored_at',
  'next_rescore_at',
  'created_by',
  'created_at',
  'updated_at',
  'version',
];

/** A unique index on open leads' keys names the key that collided. */
function duplicateKeyOf(error: unknown): MatchedOn | undefined {
  const { code, constraint } = error as { code?: string; constraint?: string };
  if (code !== '23505') return undefined;
  if (constraint === 'leads_open_mobile_key') return 'mobile';
  if (constraint === 'leads_open_email_key') return 'email';
  if (constraint === 'leads_open_company_only_key') return 'company';
  return undefined;
}

/** Lead aggregates in lead.leads, with their activities and pool stays. */
@Injectable()
export class SqlLeads extends Leads {
  constructor(
    private readonly tx: TransactionHost,
    private readonly uow: UnitOfWork,
  ) {
    super();
  }

  async lock(id: string): Promise<Lead | undefined> {
    const row = await this.tx.queryOne<LeadRow>(`SELECT ${LEAD_COLUMNS} FROM lead.leads l WHERE l.id = $1 FOR UPDATE`, [id]);
    return row && Lead.rehydrate(toLeadState(row));
  }

  async lockConverting(applicationId: string): Promise<Lead | undefined> {
    const row = await this.tx.queryOne<LeadRow>(
      `SELECT ${LEAD_COLUMNS} FROM lead.leads l WHERE l.status = 'converting' AND l.pending_conversion->>'applicationId' = $1 FOR UPDATE`,
      [applicationId],
    );
    return row && Lead.rehydrate(toLeadState(row));
  }

  /** One statement for every key (each on its own index): the mobile's lead first, then the e-mail's, then the company's. */
  async lockOpenMatch(keys: LeadKeys): Promise<{ lead: Lead; matchedOn: MatchedOn } | undefined> {
    const found = matchingKeys(keys);
    if (found.length === 0) return undefined;
    const params = found.map(({ key }) => key);
    const equal = found.map(({ on }, index) => `l.${KEY_COLUMNS[on]} = $${index + 1}`);
    const row = await this.tx.queryOne<LeadRow & { matched_on: MatchedOn }>(
      `SELECT ${LEAD_COLUMNS}, CASE ${found.map(({ on }, index) => `WHEN ${equal[index]} THEN '${on}'`).join(' ')} END AS matched_on
         FROM lead.leads l
        WHERE l.status IN ${LIVE} AND (${equal.join(' OR ')})
        ORDER BY CASE ${equal.map((condition, index) => `WHEN ${condition} THEN ${index}`).join(' ')} END, l.id
        LIMIT 1 FOR UPDATE`,
      params,
    );
    return row && { lead: Lead.rehydrate(toLeadState(row)), matchedOn: row.matched_on };
  }

  async findOpenDuplicate(keys: LeadKeys, excludeId: string): Promise<{ leadId: string; matchedOn: MatchedOn } | undefined> {
    for (const on of ['mobile', 'email'] as const) {
      const key = keys[on];
      if (!key) continue;
      const row = await this.tx.queryOne<{ id: string }>(`SELECT id FROM lead.leads WHERE ${KEY_COLUMNS[on]} = $1 AND status IN ${LIVE} AND id <> $2 LIMIT 1`, [
        key,
        excludeId,
      ]);
      if (row) return { leadId: row.id, matchedOn: on };
    }
    if (!keys.mobile && !keys.email && keys.company) {
      const row = await this.tx.queryOne<{ id: string }>(
        `SELECT id FROM lead.leads WHERE company_key = $1 AND status IN ${LIVE} AND mobile_key IS NULL AND email_key IS NULL AND id <> $2 LIMIT 1`,
        [keys.company, excludeId],
      );
      if (row) return { leadId: row.id, matchedOn: 'company' };
    }
    return undefined;
  }

  async recentActivities(leadIds: readonly string[], days: number, now: Date): Promise<Map<string, ScoredActivity[]>> {
    const byLead = new Map<string, ScoredActivity[]>();
    if (leadIds.length === 0 || days <= 0) return byLead;
    const rows = await this.tx.query<{ lead_id: string; kind: ScoredActivity['kind']; occurred_at: Date }>(
      `SELECT lead_id, kind, occurred_at FROM lead.activities WHERE lead_id = ANY($1::uuid[]) AND occurred_at > $2`,
      [leadIds, new Date(now.getTime() - days * 24 * 60 * 60 * 1000)],
    );
    for (const row of rows) {
      const list = byLead.get(row.lead_id) ?? [];
      list.push({ kind: row.kind, occurredAt: new Date(row.occurred_at) });
      byLead.set(row.lead_id, list);
    }
    return byLead;
  }

  /** The lead and its first pool stay in one statement; false when an open lead with its keys exists. */
  async add(lead: Lead): Promise<boolean> {
    const values = rowValues(lead.snapshot());
    const placeholders = values.map((_, index) => `$${index + 1}`).join(', ');
    const stay = values.length;
    const inserted = await this.tx.execute(
      `WITH lead AS (INSERT INTO lead.leads (${WRITE_COLUMNS.join(', ')}) VALUES (${placeholders}) ON CONFLICT DO NOTHING RETURNING id, pool_id, pool_path, created_at, created_by)
       INSERT INTO lead.pool_stays (id, lead_id, pool_id, pool_path, entered_at, entered_by, reason)
       SELECT $${stay + 1}, id, pool_id, pool_path, created_at, created_by, 'captured' FROM lead RETURNING lead_id`,
      [...values, uuidv7()],
    );
    if (inserted.rowCount !== 1) return false;
    await this.writePending(lead);
    this.uow.track(lead);
    return true;
  }

  async lockOpenMatches(keys: readonly LeadKeys[]): Promise<Lead[]> {
    const mobiles = [...new Set(keys.map((k) => k.mobile).filter((k): k is string => k !== null))];
    const emails = [...new Set(keys.map((k) => k.email).filter((k): k is string => k !== null))];
    const companies = [...new Set(keys.filter((k) => !k.mobile && !k.email && k.company).map((k) => k.company!))];
    if (mobiles.length + emails.length + companies.length === 0) return [];
    const rows = await this.tx.query<LeadRow>(
      `SELECT ${LEAD_COLUMNS} FROM lead.leads l
        WHERE l.status IN ${LIVE}
          AND (l.mobile_key = ANY($1::text[]) OR l.email_key = ANY($2::text[])
               OR (l.company_key = ANY($3::text[]) AND l.mobile_key IS NULL AND l.email_key IS NULL))
        ORDER BY l.id FOR UPDATE`,
      [mobiles, emails, companies],
    );
    return rows.map((row) => Lead.rehydrate(toLeadState(row)));
  }

  async addMany(leads: readonly Lead[], reason: 'imported' | 'captured' = 'imported'): Promise<Set<string>> {
    if (leads.length === 0) return new Set();
    const params: unknown[] = [];
    const tuples = leads.map((lead) => {
      const values = rowValues(lead.snapshot());
      const placeholders = values.map((value) => `$${params.push(value)}`);
      return `(${placeholders.join(', ')})`;
    });
    const rows = await this.tx.query<{ id: string }>(
      `INSERT INTO lead.leads (${WRITE_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING RETURNING id`,
      params,
    );
    const inserted = new Set(rows.map((row) => row.id));
    const stored = leads.filter((lead) => inserted.has(lead.id));
    if (stored.length > 0) {
      await this.tx.query(
        `INSERT INTO lead.pool_stays (id, lead_id, pool_id, pool_path, entered_at, entered_by, reason)
         SELECT s.id, s.lead_id, s.pool_id, ARRAY(SELECT jsonb_array_elements_text(s.pool_path))::uuid[], s.entered_at, s.entered_by, $2
           FROM jsonb_to_recordset($1::jsonb) AS s(id uuid, lead_id uuid, pool_id uuid, pool_path jsonb, entered_at timestamptz, entered_by text)`,
        [
          JSON.stringify(
            stored.map((lead) => {
              const state = lead.snapshot();
              return {
                id: uuidv7(),
                lead_id: state.id,
                pool_id: state.poolId,
                pool_path: state.poolPath,
                entered_at: state.createdAt,
                entered_by: state.createdBy,
              };
            }),
          ),
          reason,
        ],
      );
    }
    // New leads have no move; their activities and assignments go in one statement each for the batch.
    const pending = stored.map((lead) => ({ leadId: lead.id, ...lead.takePendingWrites() }));
    await this.insertActivities(pending.flatMap(({ leadId, activities }) => activities.map((activity) => ({ leadId, activity }))));
    await this.insertOwnershipChanges(pending.flatMap(({ leadId, ownership }) => ownership.map((change) => ({ leadId, change }))));
    for (const lead of stored) this.uow.track(lead);
    return inserted;
  }

  async save(lead: Lead): Promise<void> {
    const values = rowValues(lead.snapshot());
    const assignments = WRITE_COLUMNS.slice(1).map((column, index) => `${column} = $${index + 2}`);
    try {
      await this.tx.query(`UPDATE lead.leads SET ${assignments.join(', ')} WHERE id = $1`, values);
    } catch (error) {
      const key = duplicateKeyOf(error);
      if (key) throw LeadErrors.duplicate(null, key);
      throw error;
    }
    await this.writePending(lead);
    this.uow.track(lead);
  }

  async lockForRescore(selection: RescoreSelection, limit: number, skipLocked: boolean): Promise<Lead[]> {
    const lock = skipLocked ? 'FOR UPDATE SKIP LOCKED' : 'FOR UPDATE';
    const rows =
      selection.kind === 'stale-rules'
        ? await this.tx.query<LeadRow>(
            // From the cursor on (the index on open leads' rules_version, id): a pass never walks back over the leads it re-scored.
            `SELECT ${LEAD_COLUMNS} FROM lead.leads l
              WHERE l.status = 'open' AND l.rules_version < $1 AND (l.rules_version, l.id) > ($3::int, $4::uuid)
              ORDER BY l.rules_version, l.id LIMIT $2 ${lock}`,
            [selection.rulesVersion, limit, selection.after?.rulesVersion ?? -1, selection.after?.id ?? '00000000-0000-0000-0000-000000000000'],
          )
        : await this.tx.query<LeadRow>(
            `SELECT ${LEAD_COLUMNS} FROM lead.leads l
              WHERE l.status = 'open' AND l.next_rescore_at <= $1 ORDER BY l.next_rescore_at LIMIT $2 ${lock}`,
            [selection.now, limit],
          );
    return rows.map((row) => Lead.rehydrate(toLeadState(row)));
  }

  async lockDueForRecycling(now: Date, limit: number): Promise<Lead[]> {
    const rows = await this.tx.query<LeadRow>(
      `SELECT ${LEAD_COLUMNS} FROM lead.leads l JOIN lead.pools p ON p.id = l.pool_id
        WHERE l.status = 'open' AND l.owner_id IS NOT NULL AND l.assigned_at IS NOT NULL
          AND ((p.rules->>'recycleAfterDays') IS NOT NULL
                 AND coalesce(l.last_worked_at, l.assigned_at) <= $1::timestamptz - make_interval(days => (p.rules->>'recycleAfterDays')::int)
            OR (p.rules->>'recycleIfNotConvertedDays') IS NOT NULL
                 AND l.assigned_at <= $1::timestamptz - make_interval(days => (p.rules->>'recycleIfNotConvertedDays')::int))
        ORDER BY l.pool_id, l.id LIMIT $2 FOR UPDATE OF l SKIP LOCKED`,
      [now, limit],
    );
    return rows.map((row) => Lead.rehydrate(toLeadState(row)));
  }

  async saveScores(leads: readonly Lead[]): Promise<void> {
    if (leads.length === 0) return;
    const scores = leads.map((lead) => {
      const { id, scoring } = lead.snapshot();
      return {
        id,
        score: scoring.score,
        grade: scoring.grade,
        contributions: scoring.contributions,
        tags: scoring.tags,
        rules_version: scoring.rulesVersion,
        scored_at: scoring.scoredAt,
        next_rescore_at: scoring.nextRescoreAt,
      };
    });
    await this.tx.query(
      `UPDATE lead.leads l
          SET score = s.score, grade = s.grade, score_contributions = s.contributions,
              tags = ARRAY(SELECT jsonb_array_elements_text(s.tags)), rules_version = s.rules_version,
              scored_at = s.scored_at, next_rescore_at = s.next_rescore_at
         FROM jsonb_to_recordset($1::jsonb) AS s(id uuid, score integer, grade text, contributions jsonb, tags jsonb,
                                                 rules_version integer, scored_at timestamptz, next_rescore_at timestamptz)
        WHERE l.id = s.id`,
      [JSON.stringify(scores)],
    );
    for (const lead of leads) this.uow.track(lead);
  }

  private async writePending(lead: Lead): Promise<void> {
    const { activities, move, ownership } = lead.takePendingWrites();
    await this.insertActivities(activities.map((activity) => ({ leadId: lead.id, activity })));
    await this.insertOwnershipChanges(ownership.map((change) => ({ leadId: lead.id, change })));
    if (move) {
      await this.tx.query(`UPDATE lead.pool_stays SET left_at = $2 WHERE lead_id = $1 AND left_at IS NULL`, [lead.id, move.at]);
      await this.tx.query(`INSERT INTO lead.pool_stays (id, lead_id, pool_id, pool_path, entered_at, entered_by, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        uuidv7(),
        lead.id,
        move.toPoolId,
        move.toPath,
        move.at,
        move.by,
        move.reason,
      ]);
    }
  }

  private async insertOwnershipChanges(changes: readonly { leadId: string; change: OwnershipChange }[]): Promise<void> {
    if (changes.length === 0) return;
    await this.tx.query(
      `INSERT INTO lead.assignments (id, lead_id, how, pool_id, pool_path, owner_id, previous_owner_id, rule_id, strategy, detail, assigned_by, at)
       SELECT a.id, a.lead_id, a.how, a.pool_id, ARRAY(SELECT jsonb_array_elements_text(a.pool_path))::uuid[], a.owner_id, a.previous_owner_id,
              a.rule_id, a.strategy, a.detail, a.assigned_by, a.at
         FROM jsonb_to_recordset($1::jsonb) AS a(id uuid, lead_id uuid, how text, pool_id uuid, pool_path jsonb, owner_id uuid, previous_owner_id uuid,
                                                 rule_id text, strategy text, detail jsonb, assigned_by text, at timestamptz)`,
      [
        JSON.stringify(
          changes.map(({ leadId, change }) => ({
            id: uuidv7(),
            lead_id: leadId,
            how: change.how,
            pool_id: change.poolId,
            pool_path: change.poolPath,
            owner_id: change.ownerId,
            previous_owner_id: change.previousOwnerId,
            rule_id: change.ruleId,
            strategy: change.strategy,
            detail: change.detail,
            assigned_by: change.by,
            at: change.at,
          })),
        ),
      ],
    );
  }

  private async insertActivities(activities: readonly { leadId: string; activity: LeadActivity }[]): Promise<void> {
    if (activities.length === 0) return;
    await this.tx.query(
      `INSERT INTO lead.activities (id, lead_id, kind, occurred_at, outcome, channel, campaign, detail, recorded_by, recorded_at)
       SELECT a.id, a.lead_id, a.kind, a.occurred_at, a.outcome, a.channel, a.campaign, a.detail, a.recorded_by, a.recorded_at
         FROM jsonb_to_recordset($1::jsonb) AS a(id uuid, lead_id uuid, kind text, occurred_at timestamptz, outcome text, channel text, campaign text,
                                                 detail jsonb, recorded_by text, recorded_at timestamptz)`,
      [
        JSON.stringify(
          activities.map(({ leadId, activity }) => ({
            id: activity.id,
            lead_id: leadId,
            kind: activity.kind,
            occurred_at: activity.occurredAt,
            outcome: activity.outcome,
            channel: activity.channel,
            campaign: activity.campaign,
            detail: activity.detail,
            recorded_by: activity.recordedBy,
            recorded_at: activity.recordedAt,
          })),
        ),
      ],
    );
  }
}
