import { defineEvent, type FieldChanges } from '@crm/kernel';

/**
 * Events of the Customer context, declared once: the aggregate and handlers create them here and
 * every reaction subscribes through them. Documented in openapi/asyncapi.yaml (checked by a spec).
 */
const aboutCustomer = (payload: { customerId: string }) => payload.customerId;

export interface CustomerCreatedV1 {
  customerId: string;
  kind: string;
  name: string;
  shortName: string | null;
  industry: string | null;
  creditCode: string | null;
  country: string;
  province: string | null;
  city: string | null;
  size: string | null;
  type: string;
  grade: string;
  phone: string | null;
  email: string | null;
  parentId: string | null;
  /** The holder the creator asked for (themselves unless they named another, or null for the pool). The Pool context decides: its `pool.customer-protected` or `pool.claim-applied`, recorded in the same transaction, says what happened. */
  ownerId: string | null;
  createdBy: string;
}

export interface TagAppliedV1 {
  customerId: string;
  tagId: string;
  tagName: string;
  category: string;
  count: number;
  source: 'user' | 'rule';
}

export interface GradeRuleV1 {
  type: string | null;
  size: string | null;
  grade: string;
}

export const CustomerEvents = {
  created: defineEvent<CustomerCreatedV1>('customer.created', 1, {
    aggregateType: 'customer',
    customerId: aboutCustomer,
    description: 'A customer [客户] was created, enterprise or individual, with its derived grade.',
  }),
  updated: defineEvent<{ customerId: string; changes: FieldChanges }>('customer.updated', 1, {
    aggregateType: 'customer',
    customerId: aboutCustomer,
    description: 'Profile fields changed (before and after of each); `grade` appears when it was re-derived.',
  }),
  followedUp: defineEvent<{
    customerId: string;
    followUpId: string;
    authorId: string;
    channel: string;
    summary: string;
    occurredAt: string;
    nextFollowUpAt: string | null;
  }>('customer.followed-up', 1, {
    aggregateType: 'customer',
    customerId: aboutCustomer,
    description: 'Someone followed up [跟进] with the customer; restarts the recycle clock in the Pool context.',
  }),
  gradePolicyReplaced: defineEvent<{ policyVersion: number; defaultGrade: string; rules: GradeRuleV1[]; regraded: number }>(
    'customer.grade-policy-replaced',
    1,
    { aggregateType: 'customer-grade-policy', description: 'The grade rules [客户等级规则] were replaced and every customer re-graded.' },
  ),
  tagCreated: defineEvent<{ tagId: string; name: string; category: string; weight: number }>('customer.tag-created', 1, {
    aggregateType: 'tag',
    description: 'A tag [标签] was defined.',
  }),
  tagged: defineEvent<TagAppliedV1>('customer.tagged', 1, {
    aggregateType: 'customer',
    customerId: aboutCustomer,
    description: 'A tag was applied to a customer (again: the count goes up), by a user or a rule.',
  }),
  untagged: defineEvent<{ customerId: string; tagId: string }>('customer.untagged', 1, {
    aggregateType: 'customer',
    customerId: aboutCustomer,
    description: 'A tag was taken off a customer.',
  }),
  groupCreated: defineEvent<{ groupId: string; name: string }>('customer.group-created', 1, {
    aggregateType: 'customer-group',
    description: 'A customer group [客户分组] was created.',
  }),
  groupJoined: defineEvent<{ customerId: string; groupId: string; groupName: string }>('customer.group-joined', 1, {
    aggregateType: 'customer',
    customerId: aboutCustomer,
    description: 'A customer was added to a group.',
  }),
  groupLeft: defineEvent<{ customerId: string; groupId: string; groupName: string }>('customer.group-left', 1, {
    aggregateType: 'customer',
    customerId: aboutCustomer,
    description: 'A customer was removed from a group.',
  }),
  segmentCreated: defineEvent<{ segmentId: string; name: string; conditions: object[] }>('customer.segment-created', 1, {
    aggregateType: 'segment',
    description: 'A segment [客群] over tags and attributes was defined.',
  }),
};
