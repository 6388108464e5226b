import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertIfMatch, assertSaved } from '@crm/platform';
import { Contracts } from '../../../domain/contracts.port.js';
import { assertCanSee } from '../../contract-access.js';
import { ContractReferences } from '../../contract-references.js';
import { UpdateContractCommand } from './update-contract.command.js';

@CommandHandler(UpdateContractCommand)
export class UpdateContractHandler implements ICommandHandler<UpdateContractCommand> {
  constructor(
    private readonly contracts: Contracts,
    private readonly references: ContractReferences,
  ) {}

  async execute({ actor, contractId, edits, ifMatch }: UpdateContractCommand): Promise<void> {
    const contract = await this.contracts.get(contractId);
    assertCanSee(actor, contract);
    const loaded = contract.snapshot().version;
    assertIfMatch('contract', ifMatch, loaded);
    if (edits.productIds) await this.references.products(edits.productIds);
    const changes = contract.edit(edits, actor.id, new Date());
    if (Object.keys(changes).length === 0) return;
    await assertSaved(await this.contracts.save(contract, loaded), 'contract', ifMatch, () => this.contracts.currentVersion(contractId));
  }
}
