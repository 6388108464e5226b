import { Query } from '@nestjs/cqrs';

/** The little self-service verification needs to know about an order. */
export interface OrderReference {
  orderId: string;
  number: string;
  customerId: string;
  contractId: string | null;
  status: string;
}

/**
 * Finds an order by its number [订单号], exactly (not scoped to a caller): the ServiceTicket context
 * verifies a self-service customer by phone plus order number with it. Null when there is none.
 */
export class FindOrderByNumberQuery extends Query<OrderReference | null> {
  constructor(readonly number: string) {
    super();
  }
}
