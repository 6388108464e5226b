import { Query } from '@nestjs/cqrs';

/** A product the customer received in a handed-off order, with its warranty [保修]. */
export interface EntitledProduct {
  productId: string;
  productLineId: string | null;
  quantity: string;
  warrantyMonths: number;
  /** Hand-off time plus the warranty months (ISO 8601); null when the product has no warranty. */
  warrantyEndsAt: string | null;
}

/** What the Contract/Order context knows about a customer's right to service [该不该服务] at a moment. */
export interface ServiceEntitlements {
  customerId: string;
  /** Orders handed off [已转案] to delivery, newest first. */
  completedOrders: {
    orderId: string;
    number: string;
    contractId: string | null;
    handedOffAt: string;
    products: EntitledProduct[];
  }[];
  /** Contracts in force at the moment asked (executing, within start/end dates), with the products they cover. */
  contractsInForce: {
    contractId: string;
    number: string;
    startDate: string;
    endDate: string;
    productIds: string[];
  }[];
}

/**
 * Asked by the ServiceTicket context when a ticket is created: the customer's handed-off orders and
 * the contracts in force at `at`. Not scoped to a caller: eligibility is a fact about the customer.
 */
export class GetServiceEntitlementsQuery extends Query<ServiceEntitlements> {
  constructor(
    readonly customerId: string,
    readonly at: Date,
  ) {
    super();
  }
}
