import type { LeadState, PendingConversion } from '../domain/lead.aggregate.js';
import type { CallOutcome, LeadProfile, LeadStatus } from '../domain/lead.types.js';
import type { Contribution } from '../domain/scoring.js';

/** A row of lead.leads as selected with LEAD_COLUMNS. */
export interface LeadRow {
  id: string;
  status: LeadStatus;
  person_name: string | null;
  mobile: string | null;
  mobile_key: string | null;
  email: string | null;
  email_key: string | null;
  company_name: string | null;
  company_key: string | null;
  title: string | null;
  province: string | null;
  city: string | null;
  industry: string | null;
  channel: string | null;
  campaign: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  notes: string | null;
  pool_id: string;
  pool_path: string[];
  owner_id: string | null;
  assigned_at: Date | null;
  last_worked_at: Date | null;
  last_call_outcome: CallOutcome | null;
  last_call_at: Date | null;
  matched_customer_id: string | null;
  converted_customer_id: string | null;
  converted_contact_id: string | null;
  converted_opportunity_id: string | null;
  converted_at: Date | null;
  converted_customer_created: boolean | null;
  converted_opportunity_amount: string | null;
  /** A conversion waiting for approval (dates as ISO strings). */
  pending_conversion: (Omit<PendingConversion, 'reservedUntil' | 'requestedAt'> & { reservedUntil: string; requestedAt: string }) | null;
  /** The closure reason's key [关闭原因]. */
  closed_reason: string | null;
  /** YYYY-MM-DD. */
  captured_at: string | null;
  closed_note: string | null;
  closed_by: string | null;
  closed_at: Date | null;
  score: number;
  grade: string;
  score_contributions: Contribution[];
  tags: string[];
  rules_version: number;
  scored_at: Date | null;
  next_rescore_at: Date | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  version: number;
}

/**
 * The statuses in which a lead holds its keys (open, and converting: its conversion waits for
 * approval): de-duplication merges into these, and a unique index keeps one such lead per key.
 */
export const LIVE = `('open', 'converting')`;

export const LEAD_COLUMNS = `l.id, l.status, l.person_name, l.mobile, l.mobile_key, l.email, l.email_key, l.company_name, l.company_key,
  l.title, l.province, l.city, l.industry, l.channel, l.campaign, l.utm_source, l.utm_medium, l.utm_campaign, l.notes,
  l.pool_id, l.pool_path, l.owner_id, l.assigned_at, l.last_worked_at, l.last_call_outcome, l.last_call_at, l.matched_customer_id,
  l.converted_customer_id, l.converted_contact_id, l.converted_opportunity_id, l.converted_at,
  l.converted_customer_created, l.converted_opportunity_amount, l.pending_conversion,
  l.closed_reason, l.closed_note, l.closed_by, l.closed_at, to_char(l.captured_at, 'YYYY-MM-DD') AS captured_at,
  l.score, l.grade, l.score_contributions, l.tags, l.rules_version, l.scored_at, l.next_rescore_at,
  l.created_by, l.created_at, l.updated_at, l.version`;

const date = (value: Date | string | null) => (value === null ? null : new Date(value));

export function profileOf(row: LeadRow): LeadProfile {
  return {
    personName: row.person_name,
    mobile: row.mobile,
    email: row.email,
    companyName: row.company_name,
    title: row.title,
    province: row.province,
    city: row.city,
    industry: row.industry,
    channel: row.channel,
    campaign: row.campaign,
    utmSource: row.utm_source,
    utmMedium: row.utm_medium,
    utmCampaign: row.utm_campaign,
    notes: row.notes,
  };
}

export function toLeadState(row: LeadRow): LeadState {
  return {
    id: row.id,
    status: row.status,
    profile: profileOf(row),
    keys: { mobile: row.mobile_key, email: row.email_key, company: row.company_key },
    poolId: row.pool_id,
    poolPath: row.pool_path,
    ownerId: row.owner_id,
    assignedAt: date(row.assigned_at),
    lastWorkedAt: date(row.last_worked_at),
    lastCall: row.last_call_outcome && row.last_call_at ? { outcome: row.last_call_outcome, at: new Date(row.last_call_at) } : null,
    matchedCustomerId: row.matched_customer_id,
    capturedAt: row.captured_at,
    closure:
      row.closed_reason && row.closed_at ? { reason: row.closed_reason, note: row.closed_note, by: row.closed_by ?? '', at: new Date(row.closed_at) } : null,
    conversion:
      row.converted_customer_id && row.converted_contact_id && row.converted_at
        ? {
            customerId: row.converted_customer_id,
            contactId: row.converted_contact_id,
            opportunityId: row.converted_opportunity_id,
            at: new Date(row.converted_at),
            customerCreated: row.converted_customer_created,
            opportunityAmount: row.converted_opportunity_amount,
          }
        : null,
    pendingConversion: row.pending_conversion
      ? { ...row.pending_conversion, reservedUntil: new Date(row.pending_conversion.reservedUntil), requestedAt: new Date(row.pending_conversion.requestedAt) }
      : null,
    scoring: {
      score: row.score,
      grade: row.grade,
      contributions: row.score_contributions,
      tags: row.tags,
      rulesVersion: row.rules_version,
      scoredAt: date(row.scored_at),
      nextRescoreAt: date(row.next_rescore_at),
    },
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    version: row.version,
  };
}
