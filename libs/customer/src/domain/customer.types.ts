/** Enterprise [企业客户] or individual [个人客户] (CUST-1). */
export const CUSTOMER_KINDS = ['enterprise', 'individual'] as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];

/** Customer type [客户类型]: with size, it decides the grade. */
export const CUSTOMER_TYPES = ['government', 'state-owned', 'private', 'foreign', 'individual', 'other'] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];

/** Enterprise size [企业规模]: micro [微型], small [小型], medium [中型], large [大型]. */
export const CUSTOMER_SIZES = ['micro', 'small', 'medium', 'large'] as const;
export type CustomerSize = (typeof CUSTOMER_SIZES)[number];

/**
 * In the public pool [公海] with no holder, protected [保护] as a whole for its owner, or partially
 * protected (some product lines or products held, the rest still claimable).
 */
export const CUSTOMER_STATUSES = ['in-pool', 'protected', 'partially-protected'] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

/** How a follow-up [跟进] happened. */
export const FOLLOW_UP_CHANNELS = ['call', 'visit', 'wechat', 'email', 'meeting', 'message', 'other'] as const;
export type FollowUpChannel = (typeof FOLLOW_UP_CHANNELS)[number];

/** The editable profile of a customer. */
export interface CustomerProfile {
  name: string;
  shortName: string | null;
  industry: string | null;
  creditCode: string | null;
  country: string;
  province: string | null;
  city: string | null;
  size: CustomerSize | null;
  type: CustomerType;
  phone: string | null;
  email: string | null;
  website: string | null;
  parentId: string | null;
}

export const PROFILE_FIELDS: readonly (keyof CustomerProfile)[] = [
  'name',
  'shortName',
  'industry',
  'creditCode',
  'country',
  'province',
  'city',
  'size',
  'type',
  'phone',
  'email',
  'website',
  'parentId',
];
