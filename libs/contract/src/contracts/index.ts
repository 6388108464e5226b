/**
 * The Contract / Order context's public surface: what other contexts may import.
 */
// Contracts [合同]: their events, and the reminder scan (for the worker's schedule and for tests).
export { ContractEvents, type ContractCreatedV1, type ContractInstalmentReminderV1, type ContractRefV1 } from './events.js';
export { SendContractRemindersJob } from '../application/jobs/send-contract-reminders.job.js';
// Orders [订单], payments [回款] and the hand-off [转案].
export { OrderEvents, type OrderPaymentV1, type OrderProductV1 } from './order-events.js';
export {
  GetServiceEntitlementsQuery,
  type EntitledProduct,
  type ServiceEntitlements,
} from '../application/queries/get-service-entitlements/get-service-entitlements.query.js';
export { FindOrderByNumberQuery, type OrderReference } from '../application/queries/find-order-by-number/find-order-by-number.query.js';
