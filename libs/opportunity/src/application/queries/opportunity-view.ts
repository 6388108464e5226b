import type { QueryBus } from '@nestjs/cqrs';
import { ListCustomerSummariesQuery, type CustomerSummary } from '@crm/contracts/customer';
import { toQuantity } from '../../domain/money.js';
import type { Competitor, ProductLine } from '../../domain/opportunity.aggregate.js';
import type { CollaboratorAccess, ForecastCategory, OpportunityStatus, OpportunityType, SourceKind, StageOutcome } from '../../domain/opportunity.types.js';
import { COLLABORATORS_JSON, LINES_JSON } from '../../infrastructure/sql-opportunities.js';

/** What clients see of an opportunity [商机]: the read model shared by get and list. */
export interface OpportunityView {
  id: string;
  customerId: string;
  /** What a collaborator needs of the customer without holding it: name and classification, no contact details. */
  customer: Omit<CustomerSummary, 'id'> | null;
  name: string;
  type: OpportunityType;
  previousOpportunityId: string | null;
  pipelineId: string;
  stage: { id: string; name: string; outcome: StageOutcome; forecastCategory: ForecastCategory };
  status: OpportunityStatus;
  /** The stage's default win probability, or the owner's override. */
  probability: number;
  probabilityOverridden: boolean;
  probabilityReason: string | null;
  amount: string | null;
  currency: string;
  amountFollowsLines: boolean;
  expectedCloseDate: string | null;
  source: { kind: SourceKind; leadId: string | null };
  ownerId: string;
  contactIds: string[];
  products: ProductLine[];
  competitors: Competitor[];
  collaborators: { userId: string; access: CollaboratorAccess; expiresAt: string | null; expired: boolean; addedBy: string; addedAt: string }[];
  lossReason: { id: string; name: string } | null;
  lostTo: string | null;
  stageEnteredAt: string;
  wonAt: string | null;
  lostAt: string | null;
  lastActivityAt: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  version: number;
}

export interface OpportunityViewRow {
  id: string;
  customer_id: string;
  name: string;
  type: OpportunityType;
  previous_opportunity_id: string | null;
  pipeline_id: string;
  stage_id: string;
  stage_name: string;
  stage_outcome: StageOutcome;
  forecast_category: ForecastCategory;
  status: OpportunityStatus;
  probability: number;
  probability_override: number | null;
  probability_reason: string | null;
  amount: string | null;
  currency: string;
  amount_follows_lines: boolean;
  expected_close_date: string | null;
  source_kind: SourceKind;
  lead_id: string | null;
  owner_id: string;
  contact_ids: string[];
  lines: ProductLine[];
  competitors: Competitor[];
  collaborators: { userId: string; access: CollaboratorAccess; expiresAt: string | null; addedBy: string; addedAt: string }[];
  loss_reason_id: string | null;
  loss_reason_name: string | null;
  lost_to: string | null;
  stage_entered_at: Date;
  won_at: Date | null;
  lost_at: Date | null;
  last_activity_at: Date | null;
  created_at: Date;
  created_by: string;
  updated_at: Date;
  version: number;
}

/** `FROM` and columns for views of opportunities `o`, with their stage `s`. */
export const OPPORTUNITY_VIEW_SELECT = `
  SELECT o.id, o.customer_id, o.name, o.type, o.previous_opportunity_id, o.pipeline_id, o.stage_id, s.name AS stage_name,
         s.outcome AS stage_outcome, s.forecast_category, o.status, COALESCE(o.probability_override, s.probability) AS probability,
         o.probability_override, o.probability_reason, o.amount::text AS amount, o.currency, o.amount_follows_lines,
         o.expected_close_date::text AS expected_close_date, o.source_kind, o.lead_id, o.owner_id, o.contact_ids, ${LINES_JSON} AS lines,
         o.competitors, ${COLLABORATORS_JSON} AS collaborators, o.loss_reason_id, lr.name AS loss_reason_name, o.lost_to, o.stage_entered_at,
         o.won_at, o.lost_at, (SELECT max(a.occurred_at) FROM opportunity.activities a WHERE a.opportunity_id = o.id) AS last_activity_at,
         o.created_at, o.created_by, o.updated_at, o.version
    FROM opportunity.opportunities o
    JOIN opportunity.stages s ON s.id = o.stage_id
    LEFT JOIN opportunity.loss_reasons lr ON lr.id = o.loss_reason_id`;

function toView(row: OpportunityViewRow, customer: CustomerSummary | undefined, now: Date): OpportunityView {
  return {
    id: row.id,
    customerId: row.customer_id,
    customer: customer
      ? { name: customer.name, kind: customer.kind, grade: customer.grade, industry: customer.industry, province: customer.province, city: customer.city }
      : null,
    name: row.name,
    type: row.type,
    previousOpportunityId: row.previous_opportunity_id,
    pipelineId: row.pipeline_id,
    stage: { id: row.stage_id, name: row.stage_name, outcome: row.stage_outcome, forecastCategory: row.forecast_category },
    status: row.status,
    probability: row.probability,
    probabilityOverridden: row.probability_override !== null,
    probabilityReason: row.probability_reason,
    amount: row.amount,
    currency: row.currency,
    amountFollowsLines: row.amount_follows_lines,
    expectedCloseDate: row.expected_close_date,
    source: { kind: row.source_kind, leadId: row.lead_id },
    ownerId: row.owner_id,
    contactIds: row.contact_ids,
    products: row.lines.map((line) => ({ ...line, quantity: toQuantity(line.quantity) ?? line.quantity })),
    competitors: row.competitors,
    collaborators: row.collaborators.map((collaborator) => ({
      userId: collaborator.userId,
      access: collaborator.access,
      expiresAt: collaborator.expiresAt && new Date(collaborator.expiresAt).toISOString(),
      expired: collaborator.expiresAt !== null && new Date(collaborator.expiresAt) <= now,
      addedBy: collaborator.addedBy,
      addedAt: new Date(collaborator.addedAt).toISOString(),
    })),
    lossReason: row.loss_reason_id ? { id: row.loss_reason_id, name: row.loss_reason_name ?? '' } : null,
    lostTo: row.lost_to,
    stageEnteredAt: row.stage_entered_at.toISOString(),
    wonAt: row.won_at?.toISOString() ?? null,
    lostAt: row.lost_at?.toISOString() ?? null,
    lastActivityAt: row.last_activity_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

/** Views of these rows, with their customers' names asked of the Customer context in one query. */
export async function toViews(queries: QueryBus, rows: readonly OpportunityViewRow[]): Promise<OpportunityView[]> {
  const ids = [...new Set(rows.map((row) => row.customer_id))];
  const customers: CustomerSummary[] = ids.length ? await queries.execute(new ListCustomerSummariesQuery({ ids })) : [];
  const byId = new Map(customers.map((customer) => [customer.id, customer]));
  const now = new Date();
  return rows.map((row) => toView(row, byId.get(row.customer_id), now));
}
