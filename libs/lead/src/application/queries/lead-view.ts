import type { CallOutcome, LeadStatus } from '../../domain/lead.types.js';
import type { Contribution } from '../../domain/scoring.js';
import { profileOf, type LeadRow } from '../../infrastructure/lead-row.js';

export interface PoolRef {
  id: string;
  name: string;
}

/** A lead as its readers see it [线索详情]. */
export interface LeadView {
  id: string;
  status: LeadStatus;
  personName: string | null;
  mobile: string | null;
  email: string | null;
  companyName: string | null;
  title: string | null;
  province: string | null;
  city: string | null;
  industry: string | null;
  channel: string | null;
  campaign: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  notes: string | null;
  pool: PoolRef & { path: PoolRef[] };
  ownerId: string | null;
  assignedAt: string | null;
  lastWorkedAt: string | null;
  lastCall: { outcome: CallOutcome; at: string } | null;
  matchedCustomerId: string | null;
  /** What the lead became [转化结果]; null until converted. */
  conversion: { customerId: string; contactId: string; opportunityId: string | null; at: string } | null;
  /** A conversion waiting for an approver [转化待审批]; null unless converting. */
  pendingConversion: {
    customerId: string;
    applicationId: string;
    approvalRequestId: string;
    reservedUntil: string;
    requestedBy: string;
    requestedAt: string;
    withOpportunity: boolean;
  } | null;
  /** The date it was first captured elsewhere [原始获取日期], from an import; null otherwise. */
  capturedAt: string | null;
  /** Why and when it was given up [关闭]; null unless closed. */
  closure: { reason: string; reasonLabel: string; note: string | null; by: string; at: string } | null;
  score: number;
  grade: string;
  tags: string[];
  contributions: Contribution[];
  scoredAt: string | null;
  nextRescoreAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export function toLeadView(row: LeadRow, poolNames: ReadonlyMap<string, string>, reasonLabels: ReadonlyMap<string, string>): LeadView {
  const name = (id: string) => poolNames.get(id) ?? '';
  return {
    id: row.id,
    status: row.status,
    ...profileOf(row),
    pool: { id: row.pool_id, name: name(row.pool_id), path: row.pool_path.map((id) => ({ id, name: name(id) })) },
    ownerId: row.owner_id,
    assignedAt: iso(row.assigned_at),
    lastWorkedAt: iso(row.last_worked_at),
    lastCall: row.last_call_outcome && row.last_call_at ? { outcome: row.last_call_outcome, at: iso(row.last_call_at)! } : null,
    matchedCustomerId: row.matched_customer_id,
    conversion:
      row.converted_customer_id && row.converted_contact_id
        ? {
            customerId: row.converted_customer_id,
            contactId: row.converted_contact_id,
            opportunityId: row.converted_opportunity_id,
            at: iso(row.converted_at)!,
          }
        : null,
    pendingConversion: row.pending_conversion
      ? {
          customerId: row.pending_conversion.customerId,
          applicationId: row.pending_conversion.applicationId,
          approvalRequestId: row.pending_conversion.approvalRequestId,
          reservedUntil: iso(row.pending_conversion.reservedUntil)!,
          requestedBy: row.pending_conversion.requestedBy,
          requestedAt: iso(row.pending_conversion.requestedAt)!,
          withOpportunity: row.pending_conversion.request.opportunity !== null,
        }
      : null,
    capturedAt: row.captured_at,
    closure:
      row.status === 'closed' && row.closed_reason && row.closed_at
        ? {
            reason: row.closed_reason,
            reasonLabel: reasonLabels.get(row.closed_reason) ?? row.closed_reason,
            note: row.closed_note,
            by: row.closed_by ?? '',
            at: iso(row.closed_at)!,
          }
        : null,
    score: row.score,
    grade: row.grade,
    tags: row.tags,
    contributions: row.score_contributions,
    scoredAt: iso(row.scored_at),
    nextRescoreAt: iso(row.next_rescore_at),
    createdBy: row.created_by,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    version: row.version,
  };
}
