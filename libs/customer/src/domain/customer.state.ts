import type { CustomerKind, CustomerProfile, CustomerStatus } from './customer.types.js';

/** Everything a customer aggregate holds. */
export interface CustomerState extends CustomerProfile {
  id: string;
  kind: CustomerKind;
  /** Duplicate-prevention keys, derived from the profile. */
  normalizedName: string;
  normalizedPhone: string | null;
  ownerId: string | null;
  /** Holders of part of the customer (a product line, products) besides the owner. */
  coHolderIds: string[];
  status: CustomerStatus;
  grade: string;
  lastFollowUpAt: Date | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}
