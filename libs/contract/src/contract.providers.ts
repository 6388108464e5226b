import type { Provider, Type } from '@nestjs/common';

/** Contracts [合同]: their controllers and providers, composed by ContractModule. */
export const CONTRACT_CONTROLLERS: Type[] = [];
export const CONTRACT_PROVIDERS: Provider[] = [];
