import { Query } from '@nestjs/cqrs';
import type { ContractSettings } from '../../../infrastructure/contract-settings.store.js';

/** The contract settings [合同设置]: number pattern and reminder lead times. */
export class GetContractSettingsQuery extends Query<ContractSettings> {}
