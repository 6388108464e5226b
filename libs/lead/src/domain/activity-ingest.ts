import { normalizeEmail, normalizePhone } from '@crm/kernel';
import { ACTIVITY_KINDS, type ActivityKind } from './lead.types.js';

/**
 * Batch behaviour ingest [行为数据批量接入]: tracking systems send activities keyed by mobile,
 * e-mail or their visitor id [访客ID]. Each item is checked on its own, so one bad item is reported
 * with its code and field and the rest go on.
 */

/** Behaviour a tracking system reports; call outcomes and merged submissions come other ways. */
export const INGEST_ACTIVITY_KINDS = ACTIVITY_KINDS.filter((kind) => kind !== 'call-outcome' && kind !== 'resubmission');

export const MAX_INGEST_BATCH = 1000;

export interface IngestItem {
  externalId: string | null;
  /** As sent (a lead made from the item keeps it so); the keys are normalised. */
  mobile: string | null;
  email: string | null;
  mobileKey: string | null;
  emailKey: string | null;
  visitorId: string | null;
  kind: ActivityKind;
  occurredAt: Date;
  channel: string | null;
  campaign: string | null;
}

export interface IngestProblem {
  code: string;
  field: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function text(raw: Record<string, unknown>, field: string, max: number): string | null | IngestProblem {
  const value = raw[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.trim() === '' || value.trim().length > max) return { code: 'LEAD_INGEST.BAD_FIELD', field };
  return value.trim();
}

const isProblem = (value: unknown): value is IngestProblem => typeof value === 'object' && value !== null && 'code' in value;

/** One item as sent, checked and with its keys normalised like a lead's; or the first problem found. */
export function parseIngestItem(raw: unknown): IngestItem | IngestProblem {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { code: 'LEAD_INGEST.BAD_FIELD', field: null };
  const item = raw as Record<string, unknown>;
  const fields = {
    externalId: text(item, 'externalId', 200),
    mobile: text(item, 'mobile', 40),
    email: text(item, 'email', 200),
    visitorId: text(item, 'visitorId', 200),
    channel: text(item, 'channel', 100),
    campaign: text(item, 'campaign', 100),
  };
  for (const value of Object.values(fields)) if (isProblem(value)) return value;
  const { externalId, mobile, email, visitorId, channel, campaign } = fields as Record<keyof typeof fields, string | null>;
  const unknown = Object.keys(item).find((key) => !['externalId', 'mobile', 'email', 'visitorId', 'kind', 'occurredAt', 'channel', 'campaign'].includes(key));
  if (unknown) return { code: 'LEAD_INGEST.UNKNOWN_FIELD', field: unknown };
  if (!mobile && !email && !visitorId) return { code: 'LEAD_INGEST.NO_KEY', field: null };
  const mobileKey = mobile ? normalizePhone(mobile) : null;
  if (mobile && (!mobileKey || mobileKey.length < 5 || mobileKey.length > 20)) return { code: 'LEAD.INVALID_MOBILE', field: 'mobile' };
  if (email && !EMAIL.test(email)) return { code: 'LEAD_IMPORT.INVALID_EMAIL', field: 'email' };
  if (typeof item.kind !== 'string' || !(INGEST_ACTIVITY_KINDS as readonly string[]).includes(item.kind))
    return { code: 'LEAD_INGEST.BAD_FIELD', field: 'kind' };
  const occurredAt = typeof item.occurredAt === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(item.occurredAt) ? new Date(item.occurredAt) : null;
  if (!occurredAt || Number.isNaN(occurredAt.getTime())) return { code: 'LEAD_INGEST.BAD_FIELD', field: 'occurredAt' };
  return {
    externalId,
    mobile,
    email,
    mobileKey: mobileKey || null,
    emailKey: email ? normalizeEmail(email) : null,
    visitorId,
    kind: item.kind as ActivityKind,
    occurredAt,
    channel,
    campaign,
  };
}

export function isIngestProblem(value: IngestItem | IngestProblem): value is IngestProblem {
  return isProblem(value);
}
