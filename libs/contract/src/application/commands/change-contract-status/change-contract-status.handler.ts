import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WithdrawApprovalCommand } from '@crm/contracts/approval';
import { assertIfMatch, assertSaved } from '@crm/platform';
import { Contracts } from '../../../domain/contracts.port.js';
import { assertCanSee } from '../../contract-access.js';
import { CONTRACT_SUBJECT } from '../../contract-approval.js';
import { ChangeContractStatusCommand } from './change-contract-status.command.js';

@CommandHandler(ChangeContractStatusCommand)
export class ChangeContractStatusHandler implements ICommandHandler<ChangeContractStatusCommand> {
  constructor(
    private readonly contracts: Contracts,
    private readonly commands: CommandBus,
  ) {}

  async execute({ actor, contractId, action, reason, ifMatch }: ChangeContractStatusCommand): Promise<void> {
    const contract = await this.contracts.get(contractId, { lock: 'update' });
    assertCanSee(actor, contract);
    const loaded = contract.snapshot().version;
    assertIfMatch('contract', ifMatch, loaded);
    const { withdrawRequestId } = contract.transition(action, actor.id, new Date(), reason);
    await assertSaved(await this.contracts.save(contract, loaded), 'contract', ifMatch, () => this.contracts.currentVersion(contractId));
    // A change still in approval when the contract is voided needs no decision any more.
    if (withdrawRequestId) await this.commands.execute(new WithdrawApprovalCommand(CONTRACT_SUBJECT, contractId, `合同已作废：${reason ?? ''}`));
  }
}
