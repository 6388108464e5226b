/**
 * The Contract / Order context's public surface [合同 / 订单]: what other contexts may import.
 */
// Orders [订单], payments [回款] and the hand-off [转案].
export { OrderEvents, type OrderPaymentV1, type OrderProductV1 } from './order-events.js';
export {
  GetServiceEntitlementsQuery,
  type EntitledProduct,
  type ServiceEntitlements,
} from '../application/queries/get-service-entitlements/get-service-entitlements.query.js';
export { FindOrderByNumberQuery, type OrderReference } from '../application/queries/find-order-by-number/find-order-by-number.query.js';
