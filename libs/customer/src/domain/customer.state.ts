import type { CustomerKind, CustomerProfile, CustomerStatus } from './customer.types.js';

/** Everything a customer aggregate holds. */
export interface CustomerState extends CustomerProfile {
  id: string;
  kind: CustomerKind;
  /** Duplicate-prevention keys, derived from the profile. */
  normalizedName: string;
  normalizedPhone: string | null;
  ownerId: string | null;
  status: CustomerStatus;
  grade: string;
  lastFollowUpAt: Date | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}
