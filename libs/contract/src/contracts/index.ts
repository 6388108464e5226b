export {
  GetServiceEntitlementsQuery,
  type ServiceEntitlements,
  type EntitledProduct,
} from '../application/queries/get-service-entitlements/get-service-entitlements.query.js';
export { FindOrderByNumberQuery, type OrderReference } from '../application/queries/find-order-by-number/find-order-by-number.query.js';
