/**
 * The Customer context's public surface: the only module other contexts may import.
 * Integration events are flat and versioned; their schemas are in openapi/asyncapi.yaml.
 */
export { GetCustomerQuery } from '../application/queries/get-customer/get-customer.query.js';
export { CheckCustomerWorkableQuery } from '../application/queries/check-customer-workable/check-customer-workable.query.js';
export { FindDuplicateCustomersQuery } from '../application/queries/find-duplicate-customers/find-duplicate-customers.query.js';
export { FindWorkableCustomersQuery } from '../application/queries/find-workable-customers/find-workable-customers.query.js';
export { FilterVisibleCustomersQuery } from '../application/queries/filter-visible-customers/filter-visible-customers.query.js';
export { ListCustomerSummariesQuery, type CustomerSummary } from '../application/queries/list-customer-summaries/list-customer-summaries.query.js';
export type { CustomerView } from '../application/queries/customer-view.js';
export { RecordFollowUpCommand } from '../application/commands/record-follow-up/record-follow-up.command.js';
/** Editing a customer's profile as its holder would (a lead converted onto an existing customer fills its blanks). */
export { UpdateCustomerCommand } from '../application/commands/update-customer/update-customer.command.js';
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

export { CustomerEvents, type CustomerCreatedV1, type TagAppliedV1, type GradeRuleV1 } from './events.js';
export { MatchCustomersQuery, type CustomerMatch } from '../application/queries/match-customers/match-customers.query.js';
