import type { CustomerKind, CustomerSize, CustomerStatus, CustomerType } from '../../domain/customer.types.js';
import type { CustomerRow } from '../../infrastructure/customer.mapper.js';

/** What clients see of a customer: the read model shared by get and list. */
export interface CustomerView {
  id: string;
  kind: CustomerKind;
  name: string;
  shortName: string | null;
  industry: string | null;
  creditCode: string | null;
  country: string;
  province: string | null;
  city: string | null;
  size: CustomerSize | null;
  type: CustomerType;
  grade: string;
  phone: string | null;
  email: string | null;
  website: string | null;
  parentId: string | null;
  ownerId: string | null;
  /** Holders of a product line or products of this customer, besides the owner. */
  coHolderIds: string[];
  status: CustomerStatus;
  lastFollowUpAt: string | null;
  /** From the Opportunity context's events [商机]: ever won, last won, open pipeline per currency. */
  opportunities: CustomerOpportunitiesView;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface CustomerOpportunitiesView {
  everWon: boolean;
  lastWonAt: string | null;
  openCount: number;
  openAmounts: { currency: string; amount: string }[];
}

export const CUSTOMER_VIEW_COLUMNS = `c.id, c.kind, c.name, c.short_name, c.industry, c.credit_code, c.country, c.province,
  c.city, c.size, c.type, c.grade, c.phone, c.email, c.website, c.parent_id, c.owner_id, c.co_holder_ids, c.status, c.last_followup_at,
  c.ever_won, c.last_won_at, c.open_opportunity_count, c.open_pipeline_amounts, c.created_by, c.created_at, c.updated_at, c.version`;

export function toCustomerView(row: Omit<CustomerRow, 'normalized_name' | 'normalized_phone'>): CustomerView {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    shortName: row.short_name,
    industry: row.industry,
    creditCode: row.credit_code,
    country: row.country,
    province: row.province,
    city: row.city,
    size: row.size,
    type: row.type,
    grade: row.grade,
    phone: row.phone,
    email: row.email,
    website: row.website,
    parentId: row.parent_id,
    ownerId: row.owner_id,
    coHolderIds: row.co_holder_ids,
    status: row.status,
    lastFollowUpAt: row.last_followup_at?.toISOString() ?? null,
    opportunities: {
      everWon: row.ever_won ?? false,
      lastWonAt: row.last_won_at?.toISOString() ?? null,
      openCount: row.open_opportunity_count ?? 0,
      openAmounts: row.open_pipeline_amounts ?? [],
    },
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}
