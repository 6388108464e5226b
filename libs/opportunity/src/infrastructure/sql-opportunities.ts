import { Injectable } from '@nestjs/common';
import { TransactionHost, UnitOfWork } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { toQuantity } from '../domain/money.js';
import { Opportunities, type MovedOpportunity } from '../domain/opportunities.port.js';
import { Opportunity, type Collaborator, type Competitor, type OpportunityState, type ProductLine } from '../domain/opportunity.aggregate.js';
import type { StageDefinition } from '../domain/pipeline.js';

interface OpportunityRow {
  id: string;
  customer_id: string;
  name: string;
  type: OpportunityState['type'];
  previous_opportunity_id: string | null;
  pipeline_id: string;
  stage_id: string;
  stage_entered_at: Date;
  status: OpportunityState['status'];
  amount: string | null;
  currency: string;
  amount_follows_lines: boolean;
  expected_close_date: string | null;
  source_kind: OpportunityState['source']['kind'];
  lead_id: string | null;
  owner_id: string;
  contact_ids: string[];
  competitors: Competitor[];
  probability_override: number | null;
  probability_reason: string | null;
  loss_reason_id: string | null;
  lost_to: string | null;
  won_at: Date | null;
  lost_at: Date | null;
  created_at: Date;
  created_by: string;
  version: number;
  lines: ProductLine[];
  collaborators: (Omit<Collaborator, 'expiresAt' | 'addedAt'> & { expiresAt: string | null; addedAt: string })[];
}

/** Product lines and collaborators as JSON arrays beside each opportunity row (`o`). */
export const LINES_JSON = `
  COALESCE((SELECT json_agg(json_build_object(
      'productId', l.product_id, 'productLineId', l.product_line_id, 'quantity', l.quantity::text, 'unitPrice', l.unit_price::text,
      'discountPercent', l.discount_percent::text, 'amount', l.amount::text) ORDER BY l.position)
    FROM opportunity.lines l WHERE l.opportunity_id = o.id), '[]'::json)`;
export const COLLABORATORS_JSON = `
  COALESCE((SELECT json_agg(json_build_object(
      'userId', k.user_id, 'access', k.access, 'expiresAt', k.expires_at, 'addedBy', k.added_by, 'addedAt', k.added_at) ORDER BY k.added_at, k.user_id)
    FROM opportunity.collaborators k WHERE k.opportunity_id = o.id), '[]'::json)`;

/** `expected_close_date` as text, so no time zone shifts a date. */
const COLUMNS = `o.id, o.customer_id, o.name, o.type, o.previous_opportunity_id, o.pipeline_id, o.stage_id, o.stage_entered_at, o.status,
  o.amount::text AS amount, o.currency, o.amount_follows_lines, o.expected_close_date::text AS expected_close_date, o.source_kind, o.lead_id,
  o.owner_id, o.contact_ids, o.competitors, o.probability_override, o.probability_reason, o.loss_reason_id, o.lost_to, o.won_at, o.lost_at,
  o.created_at, o.created_by, o.version, ${LINES_JSON} AS lines, ${COLLABORATORS_JSON} AS collaborators`;

function toState(row: OpportunityRow): OpportunityState {
  return {
    id: row.id,
    customerId: row.customer_id,
    name: row.name,
    type: row.type,
    previousOpportunityId: row.previous_opportunity_id,
    pipelineId: row.pipeline_id,
    stageId: row.stage_id,
    stageEnteredAt: new Date(row.stage_entered_at),
    status: row.status,
    amount: row.amount,
    currency: row.currency,
    amountFollowsLines: row.amount_follows_lines,
    expectedCloseDate: row.expected_close_date,
    source: { kind: row.source_kind, leadId: row.lead_id },
    ownerId: row.owner_id,
    contactIds: row.contact_ids,
    lines: row.lines.map((line) => ({ ...line, quantity: toQuantity(line.quantity) ?? line.quantity })),
    competitors: row.competitors,
    collaborators: row.collaborators.map((collaborator) => ({
      ...collaborator,
      expiresAt: collaborator.expiresAt === null ? null : new Date(collaborator.expiresAt),
      addedAt: new Date(collaborator.addedAt),
    })),
    probabilityOverride: row.probability_override,
    probabilityReason: row.probability_reason,
    lossReasonId: row.loss_reason_id,
    lostTo: row.lost_to,
    closedAt: row.won_at ?? row.lost_at,
    createdAt: row.created_at,
    createdBy: row.created_by,
    version: row.version,
  };
}

/** Opportunity aggregates in opportunity.opportunities with their lines, collaborators and history tables. */
@Injectable()
export class SqlOpportunities extends Opportunities {
  /** What each loaded opportunity looked like, so a save rewrites only the child rows that changed. */
  private readonly loaded = new WeakMap<Opportunity, OpportunityState>();

  constructor(
    private readonly tx: TransactionHost,
    private readonly uow: UnitOfWork,
  ) {
    super();
  }

  async get(id: string, options: { lock?: 'share' } = {}): Promise<Opportunity | undefined> {
    if (options.lock && !(await this.tx.queryOne(`SELECT 1 FROM opportunity.opportunities WHERE id = $1 FOR SHARE`, [id]))) return undefined;
    const row = await this.tx.queryOne<OpportunityRow>(`SELECT ${COLUMNS} FROM opportunity.opportunities o WHERE o.id = $1`, [id]);
    if (!row) return undefined;
    const opportunity = Opportunity.rehydrate(toState(row));
    this.loaded.set(opportunity, opportunity.snapshot());
    return opportunity;
  }

  async add(opportunity: Opportunity): Promise<void> {
    const state = opportunity.snapshot();
    await this.tx.query(
      `INSERT INTO opportunity.opportunities (id, customer_id, name, type, previous_opportunity_id, pipeline_id, stage_id, stage_entered_at, status,
          amount, currency, amount_follows_lines, expected_close_date, source_kind, lead_id, owner_id, contact_ids, competitors,
          probability_override, probability_reason, loss_reason_id, lost_to, won_at, lost_at, created_at, created_by, updated_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $25, $27)`,
      [
        state.id,
        state.customerId,
        state.name,
        state.type,
        state.previousOpportunityId,
        state.pipelineId,
        state.stageId,
        state.stageEnteredAt,
        state.status,
        state.amount,
        state.currency,
        state.amountFollowsLines,
        state.expectedCloseDate,
        state.source.kind,
        state.source.leadId,
        state.ownerId,
        state.contactIds,
        JSON.stringify(state.competitors),
        state.probabilityOverride,
        state.probabilityReason,
        state.lossReasonId,
        state.lostTo,
        state.status === 'won' ? state.closedAt : null,
        state.status === 'lost' ? state.closedAt : null,
        state.createdAt,
        state.createdBy,
        state.version,
      ],
    );
    await this.writeLines(state);
    await this.writeCollaborators(state);
    await this.writeRecords(opportunity);
    this.loaded.set(opportunity, state);
    this.uow.track(opportunity);
  }

  async save(opportunity: Opportunity, loadedVersion: number): Promise<boolean> {
    const before = this.loaded.get(opportunity);
    if (!before) throw new Error('Save an opportunity this repository loaded.');
    const state = opportunity.snapshot();
    if (state.version !== loadedVersion) {
      const updated = await this.tx.execute(
        `UPDATE opportunity.opportunities
            SET name = $3, stage_id = $4, stage_entered_at = $5, status = $6, amount = $7, currency = $8, amount_follows_lines = $9,
                expected_close_date = $10, owner_id = $11, contact_ids = $12, competitors = $13, probability_override = $14,
                probability_reason = $15, loss_reason_id = $16, lost_to = $17, won_at = $18, lost_at = $19, updated_at = now(), version = $20
          WHERE id = $1 AND version = $2`,
        [
          state.id,
          loadedVersion,
          state.name,
          state.stageId,
          state.stageEnteredAt,
          state.status,
          state.amount,
          state.currency,
          state.amountFollowsLines,
          state.expectedCloseDate,
          state.ownerId,
          state.contactIds,
          JSON.stringify(state.competitors),
          state.probabilityOverride,
          state.probabilityReason,
          state.lossReasonId,
          state.lostTo,
          state.status === 'won' ? state.closedAt : null,
          state.status === 'lost' ? state.closedAt : null,
          state.version,
        ],
      );
      if (updated.rowCount !== 1) return false;
      if (JSON.stringify(before.lines) !== JSON.stringify(state.lines)) await this.writeLines(state, true);
      if (JSON.stringify(before.collaborators) !== JSON.stringify(state.collaborators)) await this.writeCollaborators(state, true);
    }
    await this.writeRecords(opportunity);
    this.loaded.set(opportunity, state);
    this.uow.track(opportunity);
    return true;
  }

  async countOpen(pipelineId: string, stageId: string): Promise<number> {
    const row = await this.tx.queryOne<{ count: number }>(
      `SELECT count(*)::int AS count FROM opportunity.opportunities WHERE pipeline_id = $1 AND stage_id = $2 AND status = 'open'`,
      [pipelineId, stageId],
    );
    return row?.count ?? 0;
  }

  async moveOpen(input: { pipelineId: string; from: StageDefinition; to: StageDefinition; by: string; now: Date }): Promise<MovedOpportunity[]> {
    const moved = await this.tx.query<{ id: string; customer_id: string; seconds: string; amount: string | null; currency: string }>(
      `WITH leaving AS (
         SELECT id, stage_entered_at FROM opportunity.opportunities
          WHERE pipeline_id = $1 AND stage_id = $2 AND status = 'open' ORDER BY id FOR UPDATE)
       UPDATE opportunity.opportunities o
          SET stage_id = $3, stage_entered_at = $4, probability_override = NULL, probability_reason = NULL, version = o.version + 1, updated_at = $4
         FROM leaving
        WHERE o.id = leaving.id
       RETURNING o.id, o.customer_id, floor(greatest(0, extract(epoch FROM $4::timestamptz - leaving.stage_entered_at)))::bigint::text AS seconds,
                 o.amount::text AS amount, o.currency`,
      [input.pipelineId, input.from.id, input.to.id, input.now],
    );
    if (moved.length > 0) {
      await this.tx.query(
        `INSERT INTO opportunity.stage_changes (id, opportunity_id, from_stage_id, from_stage_name, to_stage_id, to_stage_name, probability,
            probability_reason, amount, changed_at, changed_by, seconds_in_previous_stage, cause)
         SELECT m.id, m.opportunity_id, $3, $4, $5, $6, $7, NULL, m.amount, $8, $9, m.seconds, 'pipeline-edited'
           FROM unnest($1::uuid[], $2::uuid[], $10::numeric[], $11::bigint[]) AS m(id, opportunity_id, amount, seconds)`,
        [
          moved.map(() => uuidv7()),
          moved.map((row) => row.id),
          input.from.id,
          input.from.name,
          input.to.id,
          input.to.name,
          input.to.probability,
          input.now,
          input.by,
          moved.map((row) => row.amount),
          moved.map((row) => row.seconds),
        ],
      );
    }
    return moved.map((row) => ({
      opportunityId: row.id,
      customerId: row.customer_id,
      secondsInPreviousStage: Number(row.seconds),
      amount: row.amount,
      currency: row.currency,
    }));
  }

  private async writeLines(state: OpportunityState, replace = false): Promise<void> {
    if (replace) await this.tx.query(`DELETE FROM opportunity.lines WHERE opportunity_id = $1`, [state.id]);
    if (state.lines.length === 0) return;
    await this.tx.query(
      `INSERT INTO opportunity.lines (opportunity_id, position, product_id, product_line_id, quantity, unit_price, discount_percent, amount)
       SELECT $1, i - 1, (l->>'productId')::uuid, (l->>'productLineId')::uuid, (l->>'quantity')::numeric, (l->>'unitPrice')::numeric,
              (l->>'discountPercent')::numeric, (l->>'amount')::numeric
         FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(l, i)`,
      [state.id, JSON.stringify(state.lines)],
    );
  }

  private async writeCollaborators(state: OpportunityState, replace = false): Promise<void> {
    if (replace) await this.tx.query(`DELETE FROM opportunity.collaborators WHERE opportunity_id = $1`, [state.id]);
    if (state.collaborators.length === 0) return;
    await this.tx.query(
      `INSERT INTO opportunity.collaborators (opportunity_id, user_id, access, expires_at, added_by, added_at)
       SELECT $1, c.user_id, c.access, c.expires_at, c.added_by, c.added_at
         FROM unnest($2::uuid[], $3::text[], $4::timestamptz[], $5::uuid[], $6::timestamptz[]) AS c(user_id, access, expires_at, added_by, added_at)`,
      [
        state.id,
        state.collaborators.map((collaborator) => collaborator.userId),
        state.collaborators.map((collaborator) => collaborator.access),
        state.collaborators.map((collaborator) => collaborator.expiresAt),
        state.collaborators.map((collaborator) => collaborator.addedBy),
        state.collaborators.map((collaborator) => collaborator.addedAt),
      ],
    );
  }

  /** Stage history, transfers and activities the aggregate recorded since it was loaded. */
  private async writeRecords(opportunity: Opportunity): Promise<void> {
    const { stageChanges, transfers, activities } = opportunity.records();
    const id = opportunity.id;
    for (const change of stageChanges.filter((entry) => !this.written.has(entry))) {
      await this.tx.query(
        `INSERT INTO opportunity.stage_changes (id, opportunity_id, from_stage_id, from_stage_name, to_stage_id, to_stage_name, probability,
            probability_reason, amount, changed_at, changed_by, seconds_in_previous_stage, cause)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          change.id,
          id,
          change.fromStageId,
          change.fromStageName,
          change.toStageId,
          change.toStageName,
          change.probability,
          change.probabilityReason,
          change.amount,
          change.changedAt,
          change.changedBy,
          change.secondsInPreviousStage,
          change.cause,
        ],
      );
      this.written.add(change);
    }
    for (const transfer of transfers.filter((entry) => !this.written.has(entry))) {
      await this.tx.query(
        `INSERT INTO opportunity.transfers (id, opportunity_id, from_user_id, to_user_id, reason, transferred_by, transferred_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [transfer.id, id, transfer.fromUserId, transfer.toUserId, transfer.reason, transfer.transferredBy, transfer.transferredAt],
      );
      this.written.add(transfer);
    }
    for (const activity of activities.filter((entry) => !this.written.has(entry))) {
      await this.tx.query(
        `INSERT INTO opportunity.activities (id, opportunity_id, customer_id, type, occurred_at, summary, next_step, contact_ids, author_id, follow_up_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          activity.id,
          id,
          opportunity.customerId,
          activity.type,
          activity.occurredAt,
          activity.summary,
          activity.nextStep,
          activity.contactIds,
          activity.authorId,
          activity.followUpId,
          activity.createdAt,
        ],
      );
      this.written.add(activity);
    }
  }

  /** Records already written, so saving an aggregate twice does not write them twice. */
  private readonly written = new WeakSet<object>();
}
