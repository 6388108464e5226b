import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertIfMatch, assertSaved } from '@crm/platform';
import { Contracts } from '../../../domain/contracts.port.js';
import { assertCanSee } from '../../contract-access.js';
import { requestContractApproval } from '../../contract-approval.js';
import { SubmitContractCommand } from './submit-contract.command.js';

@CommandHandler(SubmitContractCommand)
export class SubmitContractHandler implements ICommandHandler<SubmitContractCommand> {
  constructor(
    private readonly contracts: Contracts,
    private readonly commands: CommandBus,
  ) {}

  async execute({ actor, contractId, ifMatch }: SubmitContractCommand): Promise<{ approvalRequestId: string }> {
    const contract = await this.contracts.get(contractId, { lock: 'update' });
    assertCanSee(actor, contract);
    const loaded = contract.snapshot().version;
    assertIfMatch('contract', ifMatch, loaded);
    const facts = contract.submit(new Date());
    const approvalRequestId = await requestContractApproval(this.commands, actor.id, contract.snapshot(), facts);
    contract.attachApproval(approvalRequestId, actor.id);
    await assertSaved(await this.contracts.save(contract, loaded), 'contract', ifMatch, () => this.contracts.currentVersion(contractId));
    return { approvalRequestId };
  }
}
