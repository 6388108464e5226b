import type { Provider, Type } from '@nestjs/common';

/** Orders [订单], payments [回款] and reconciliation: their controllers and providers, composed by ContractModule. */
export const ORDER_CONTROLLERS: Type[] = [];
export const ORDER_PROVIDERS: Provider[] = [];
