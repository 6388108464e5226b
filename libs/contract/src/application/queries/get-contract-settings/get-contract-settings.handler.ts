import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ContractSettingsStore, type ContractSettings } from '../../../infrastructure/contract-settings.store.js';
import { GetContractSettingsQuery } from './get-contract-settings.query.js';

@QueryHandler(GetContractSettingsQuery)
export class GetContractSettingsHandler implements IQueryHandler<GetContractSettingsQuery> {
  constructor(private readonly settings: ContractSettingsStore) {}

  execute(): Promise<ContractSettings> {
    return this.settings.get();
  }
}
