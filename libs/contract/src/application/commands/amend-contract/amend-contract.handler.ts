import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertIfMatch, assertSaved } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { Contracts } from '../../../domain/contracts.port.js';
import { assertCanSee } from '../../contract-access.js';
import { requestContractApproval } from '../../contract-approval.js';
import { ContractReferences } from '../../contract-references.js';
import { AmendContractCommand } from './amend-contract.command.js';

@CommandHandler(AmendContractCommand)
export class AmendContractHandler implements ICommandHandler<AmendContractCommand> {
  constructor(
    private readonly contracts: Contracts,
    private readonly commands: CommandBus,
    private readonly references: ContractReferences,
  ) {}

  async execute({ actor, contractId, edits, reason, ifMatch }: AmendContractCommand): Promise<{ versionNo: number; approvalRequestId: string }> {
    const contract = await this.contracts.get(contractId, { lock: 'update' });
    assertCanSee(actor, contract);
    const loaded = contract.snapshot().version;
    assertIfMatch('contract', ifMatch, loaded);
    if (edits.productIds) await this.references.products(edits.productIds);
    const facts = contract.amend(edits, reason, actor.id, new Date(), uuidv7());
    const approvalRequestId = await requestContractApproval(this.commands, actor.id, contract.snapshot(), facts);
    contract.attachApproval(approvalRequestId, actor.id);
    await assertSaved(await this.contracts.save(contract, loaded), 'contract', ifMatch, () => this.contracts.currentVersion(contractId));
    return { versionNo: facts.versionNo, approvalRequestId };
  }
}
