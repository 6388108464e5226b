import { defineEvent } from '@crm/kernel';

/**
 * Events of the Pool context, declared once. Every event about a customer carries its id (the
 * 360 timeline); those that change who holds it carry `holders`, the holders after the change:
 * the Customer context's read copy (data scope) is projected from them.
 */
const aboutCustomer = (payload: { customerId: string }) => payload.customerId;

/** The whole customer, one product line [条线], or one product. */
export type ClaimScopeV1 =
  { kind: 'customer' } | { kind: 'product-line'; productLineId: string } | { kind: 'product'; productId: string; productLineId: string };

/** Who holds the customer after the change: the holder of the whole customer, and holders of parts. */
export interface HoldersV1 {
  ownerId: string | null;
  coHolderIds: string[];
}

export interface CustomerProtectedV1 {
  customerId: string;
  poolId: string;
  holderId: string;
  scopes: ClaimScopeV1[];
  /** How it came to be held: created by its holder, claimed [申领], an approved application, a transfer. */
  source: 'created' | 'claim' | 'approval';
  applicationId: string | null;
  holders: HoldersV1;
}

export const PoolEvents = {
  customerProtected: defineEvent<CustomerProtectedV1>('pool.customer-protected', 1, {
    aggregateType: 'pool-customer',
    customerId: aboutCustomer,
    description: 'A customer (or part of it) became protected [保护] for a salesperson: claimed, approved, or created by them.',
  }),
  claimApplied: defineEvent<{
    customerId: string;
    applicationId: string;
    applicantId: string;
    poolId: string;
    scopes: ClaimScopeV1[];
    reason: string | null;
    reservedUntil: string;
    approvalRequestId: string;
  }>('pool.claim-applied', 1, {
    aggregateType: 'pool-customer',
    customerId: aboutCustomer,
    description: 'A claim application [申领申请] was opened; the customer is reserved for the applicant until an approver decides.',
  }),
  claimApplicationClosed: defineEvent<{
    customerId: string;
    applicationId: string;
    applicantId: string;
    status: 'approved' | 'rejected' | 'recalled' | 'expired';
    reason?: string | null;
    /** For an approval that found the customer already held (a manager's transfer in between). */
    outcome?: 'already-protected';
  }>('pool.claim-application-closed', 1, {
    aggregateType: 'pool-customer',
    customerId: aboutCustomer,
    description: 'A claim application closed without protecting: rejected, recalled, expired, or approved too late.',
  }),
  customerReleased: defineEvent<{ customerId: string; poolId: string; holderId: string; scopes: ClaimScopeV1[]; reason: string; holders: HoldersV1 }>(
    'pool.customer-released',
    1,
    { aggregateType: 'pool-customer', customerId: aboutCustomer, description: 'A holder gave a customer back to the pool [释放].' },
  ),
  customerTransferred: defineEvent<{
    customerId: string;
    poolId: string;
    fromUserId: string;
    toUserId: string;
    scopes: ClaimScopeV1[];
    reason: string;
    holders: HoldersV1;
  }>('pool.customer-transferred', 1, {
    aggregateType: 'pool-customer',
    customerId: aboutCustomer,
    description: 'A manager moved a customer to another salesperson [客户转移].',
  }),
  customerRecycled: defineEvent<{
    customerId: string;
    poolId: string;
    formerHolderIds: string[];
    lastActivityAt: string;
    recycleAfterDays: number;
    holders: HoldersV1;
  }>('pool.customer-recycled', 1, {
    aggregateType: 'pool-customer',
    customerId: aboutCustomer,
    description: 'Nobody followed the customer up in time: it fell back into the pool [掉入公海].',
  }),
  recycleReminder: defineEvent<{ customerId: string; poolId: string; holderIds: string[]; recycleAt: string }>('pool.recycle-reminder', 1, {
    aggregateType: 'pool-customer',
    customerId: aboutCustomer,
    description: 'The customer will be recycled soon unless someone follows up [回收提醒].',
  }),
  poolCreated: defineEvent<{ poolId: string; name: string; departmentId: string | null; adminIds: string[]; rules: object }>('pool.pool-created', 1, {
    aggregateType: 'pool',
    description: 'A pool [公海] was created for a department.',
  }),
  poolChanged: defineEvent<{ poolId: string; changes: { rules: { from: object; to: object }; adminIds: { from: string[]; to: string[] } } }>(
    'pool.pool-changed',
    1,
    { aggregateType: 'pool', description: "A pool's rules or admins changed." },
  ),
};
