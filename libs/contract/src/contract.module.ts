import { Module } from '@nestjs/common';
import { CONTRACT_CONTROLLERS, CONTRACT_PROVIDERS } from './contract.providers.js';
import { ORDER_CONTROLLERS, ORDER_PROVIDERS } from './order.providers.js';

/**
 * Contract / Order [合同 / 订单]: contracts with approval and versioned changes, orders priced from
 * price lists, payments with bank reconciliation, and the hand-off [转案] the system enforces.
 */
@Module({
  controllers: [...CONTRACT_CONTROLLERS, ...ORDER_CONTROLLERS],
  providers: [...CONTRACT_PROVIDERS, ...ORDER_PROVIDERS],
})
export class ContractModule {}
