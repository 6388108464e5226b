/**
 * The Contract / Order context's public surface [合同 / 订单]: what other contexts may import.
 */
// Orders [订单], payments [回款] and the hand-off [转案].
export { OrderEvents, type OrderPaymentV1, type OrderProductV1 } from './order-events.js';
