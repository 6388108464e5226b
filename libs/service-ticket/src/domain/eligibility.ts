import type { EligibilityCheck, EligibilityPolicy, EligibilityVerdict } from './ticket.types.js';

/**
 * What the Contract/Order context knows about a customer's right to service (the shape of its
 * `ServiceEntitlements`, restated here so the rule stays plain TypeScript).
 */
export interface EntitlementFacts {
  completedOrders: readonly {
    orderId: string;
    number: string;
    contractId: string | null;
    handedOffAt: string;
    products: readonly { productId: string; warrantyEndsAt: string | null }[];
  }[];
  contractsInForce: readonly { contractId: string; number: string; endDate: string; productIds: readonly string[] }[];
}

/** What the ticket is about. */
export interface ServiceRequest {
  productId: string | null;
  orderId: string | null;
  contractId: string | null;
}

/**
 * Should we serve this request [该不该服务]? Three checks, each stored with its detail:
 * - completed order: the customer has a handed-off order (the one named, when one is named);
 * - warranty: the product came in such an order and its warranty has not ended at `at`;
 * - contract: a contract in force (the one named, when one is named) covers the product.
 * The request is eligible with a completed order and, for a product, warranty or contract cover;
 * without a product, a completed order or a contract in force is enough.
 */
export function evaluateEligibility(facts: EntitlementFacts, request: ServiceRequest, at: Date, policy: EligibilityPolicy): EligibilityVerdict {
  const checkedAt = at.toISOString();
  if (policy === 'not-checked') return { policy, eligible: null, checks: [], checkedAt, override: null };
  const checks = [completedOrderCheck(facts, request), warrantyCheck(facts, request, at), contractCheck(facts, request)];
  const [order, warranty, contract] = checks as [EligibilityCheck, EligibilityCheck, EligibilityCheck];
  const eligible = request.productId ? order.passed && (warranty.passed || contract.passed) : order.passed || contract.passed;
  return { policy, eligible, checks, checkedAt, override: null };
}

function completedOrderCheck(facts: EntitlementFacts, request: ServiceRequest): EligibilityCheck {
  if (request.orderId) {
    const order = facts.completedOrders.find((candidate) => candidate.orderId === request.orderId);
    return order
      ? { check: 'completed-order', passed: true, detail: `订单 ${order.number} 已成交交付。`, reference: order.number }
      : { check: 'completed-order', passed: false, detail: '所填订单不是该客户已成交交付的订单。', reference: null };
  }
  const latest = facts.completedOrders[0];
  return latest
    ? { check: 'completed-order', passed: true, detail: `客户有已成交交付的订单（最近：${latest.number}）。`, reference: latest.number }
    : { check: 'completed-order', passed: false, detail: '客户没有已成交交付的订单。', reference: null };
}

function warrantyCheck(facts: EntitlementFacts, request: ServiceRequest, at: Date): EligibilityCheck {
  if (!request.productId) return { check: 'warranty', passed: false, detail: '未指定产品，不适用保修。', reference: null };
  let latestEnd: { endsAt: string; number: string } | null = null;
  let bought = false;
  for (const order of facts.completedOrders) {
    if (request.orderId && order.orderId !== request.orderId) continue;
    for (const product of order.products) {
      if (product.productId !== request.productId) continue;
      bought = true;
      if (product.warrantyEndsAt && (!latestEnd || product.warrantyEndsAt > latestEnd.endsAt))
        latestEnd = { endsAt: product.warrantyEndsAt, number: order.number };
    }
  }
  if (!bought) return { check: 'warranty', passed: false, detail: '该产品不在客户已交付的订单中。', reference: null };
  if (!latestEnd) return { check: 'warranty', passed: false, detail: '该产品没有保修期。', reference: null };
  const inWarranty = new Date(latestEnd.endsAt).getTime() > at.getTime();
  return inWarranty
    ? { check: 'warranty', passed: true, detail: `在保修期内，保修至 ${latestEnd.endsAt}（订单 ${latestEnd.number}）。`, reference: latestEnd.number }
    : { check: 'warranty', passed: false, detail: `保修已于 ${latestEnd.endsAt} 到期（订单 ${latestEnd.number}）。`, reference: latestEnd.number };
}

function contractCheck(facts: EntitlementFacts, request: ServiceRequest): EligibilityCheck {
  const inForce = facts.contractsInForce.filter((contract) => !request.contractId || contract.contractId === request.contractId);
  if (inForce.length === 0) {
    return {
      check: 'contract',
      passed: false,
      detail: request.contractId ? '所填合同不在有效期内或不属于该客户。' : '客户没有有效期内的合同。',
      reference: null,
    };
  }
  if (!request.productId) return { check: 'contract', passed: true, detail: `合同 ${inForce[0]!.number} 在有效期内。`, reference: inForce[0]!.number };
  const covering = inForce.find((contract) => contract.productIds.includes(request.productId!));
  return covering
    ? { check: 'contract', passed: true, detail: `合同 ${covering.number} 在有效期内且覆盖该产品（至 ${covering.endDate}）。`, reference: covering.number }
    : { check: 'contract', passed: false, detail: '有效合同不覆盖该产品。', reference: null };
}
