import type { CustomerState } from '../domain/customer.aggregate.js';
import type { CustomerKind, CustomerSize, CustomerStatus, CustomerType } from '../domain/customer.types.js';

/** A row of customer.customers as the driver returns it. */
export interface CustomerRow {
  id: string;
  kind: CustomerKind;
  name: string;
  normalized_name: string;
  short_name: string | null;
  industry: string | null;
  credit_code: string | null;
  country: string;
  province: string | null;
  city: string | null;
  size: CustomerSize | null;
  type: CustomerType;
  phone: string | null;
  normalized_phone: string | null;
  email: string | null;
  website: string | null;
  parent_id: string | null;
  owner_id: string | null;
  co_holder_ids: string[];
  status: CustomerStatus;
  grade: string;
  last_followup_at: Date | null;
  ever_won?: boolean;
  last_won_at?: Date | null;
  open_opportunity_count?: number;
  open_pipeline_amounts?: { currency: string; amount: string }[];
  created_by: string;
  created_at: Date;
  updated_at: Date;
  version: number;
}

export const CUSTOMER_COLUMNS = `id, kind, name, normalized_name, short_name, industry, credit_code, country, province, city,
  size, type, phone, normalized_phone, email, website, parent_id, owner_id, co_holder_ids, status, grade, last_followup_at,
  created_by, created_at, updated_at, version`;

export function toCustomerState(row: CustomerRow): CustomerState {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    normalizedName: row.normalized_name,
    shortName: row.short_name,
    industry: row.industry,
    creditCode: row.credit_code,
    country: row.country,
    province: row.province,
    city: row.city,
    size: row.size,
    type: row.type,
    phone: row.phone,
    normalizedPhone: row.normalized_phone,
    email: row.email,
    website: row.website,
    parentId: row.parent_id,
    ownerId: row.owner_id,
    coHolderIds: row.co_holder_ids,
    status: row.status,
    grade: row.grade,
    lastFollowUpAt: row.last_followup_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** Column values in CUSTOMER_COLUMNS order. */
export function toCustomerValues(state: CustomerState): unknown[] {
  return [
    state.id,
    state.kind,
    state.name,
    state.normalizedName,
    state.shortName,
    state.industry,
    state.creditCode,
    state.country,
    state.province,
    state.city,
    state.size,
    state.type,
    state.phone,
    state.normalizedPhone,
    state.email,
    state.website,
    state.parentId,
    state.ownerId,
    state.coHolderIds,
    state.status,
    state.grade,
    state.lastFollowUpAt,
    state.createdBy,
    state.createdAt,
    state.updatedAt,
    state.version,
  ];
}
