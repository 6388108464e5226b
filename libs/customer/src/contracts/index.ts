/**
 * The Customer context's public surface: the only module other contexts may import.
 * Integration events are flat and versioned; their schemas are in openapi/asyncapi.yaml.
 */
export { GetCustomerQuery } from '../application/queries/get-customer/get-customer.query.js';
export { CheckCustomerWorkableQuery } from '../application/queries/check-customer-workable/check-customer-workable.query.js';
export { FilterVisibleCustomersQuery } from '../application/queries/filter-visible-customers/filter-visible-customers.query.js';
export { ListCustomerSummariesQuery, type CustomerSummary } from '../application/queries/list-customer-summaries/list-customer-summaries.query.js';
export type { CustomerView } from '../application/queries/customer-view.js';
export { RecordFollowUpCommand } from '../application/commands/record-follow-up/record-follow-up.command.js';
export { SetCustomerHoldersCommand, type CustomerHolders } from '../application/commands/set-customer-holders/set-customer-holders.command.js';
export { CreateCustomerCommand } from '../application/commands/create-customer/create-customer.command.js';
export type { CreateCustomerInput } from '../application/commands/create-customer/create-customer.command.js';
export {
  CUSTOMER_KINDS,
  CUSTOMER_SIZES,
  CUSTOMER_STATUSES,
  CUSTOMER_TYPES,
  FOLLOW_UP_CHANNELS,
  type CustomerKind,
  type CustomerSize,
  type CustomerStatus,
  type CustomerType,
  type FollowUpChannel,
} from '../domain/customer.types.js';

export const CustomerEvents = {
  created: 'customer.created.v1',
  updated: 'customer.updated.v1',
  followedUp: 'customer.followed-up.v1',
  gradePolicyReplaced: 'customer.grade-policy-replaced.v1',
} as const;

export interface CustomerCreatedV1 {
  customerId: string;
  kind: string;
  name: string;
  ownerId: string | null;
  status: string;
  grade: string;
  [field: string]: unknown;
}

export interface CustomerUpdatedV1 {
  customerId: string;
  changes: Record<string, { from: unknown; to: unknown }>;
}

export interface CustomerFollowedUpV1 {
  customerId: string;
  followUpId: string;
  authorId: string;
  channel: string;
  summary: string;
  occurredAt: string;
  nextFollowUpAt: string | null;
}
