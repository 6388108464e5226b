import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertIfMatch, assertSaved } from '@crm/platform';
import { ContractErrors } from '../../../domain/contract.errors.js';
import { invalidPattern } from '../../../domain/number-pattern.js';
import { ContractSettingsStore } from '../../../infrastructure/contract-settings.store.js';
import { ConfigureContractSettingsCommand } from './configure-contract-settings.command.js';

@CommandHandler(ConfigureContractSettingsCommand)
export class ConfigureContractSettingsHandler implements ICommandHandler<ConfigureContractSettingsCommand> {
  constructor(private readonly settings: ContractSettingsStore) {}

  async execute({ changes, ifMatch }: ConfigureContractSettingsCommand): Promise<void> {
    const current = await this.settings.get({ lock: 'update' });
    assertIfMatch('contract settings', ifMatch, current.version);
    const problem = changes.numberPattern === undefined ? undefined : invalidPattern(changes.numberPattern);
    if (problem) throw ContractErrors.invalidNumberPattern(problem);
    const saved = await this.settings.save({ ...current, ...changes }, current.version);
    await assertSaved(saved, 'contract settings', ifMatch, async () => (await this.settings.get()).version);
  }
}
