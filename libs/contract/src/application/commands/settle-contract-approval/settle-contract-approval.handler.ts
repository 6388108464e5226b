import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Contracts } from '../../../domain/contracts.port.js';
import { SettleContractApprovalCommand } from './settle-contract-approval.command.js';

/** Moves the contract on the outcome; an outcome for a request the contract no longer awaits changes nothing. */
@CommandHandler(SettleContractApprovalCommand)
export class SettleContractApprovalHandler implements ICommandHandler<SettleContractApprovalCommand> {
  constructor(private readonly contracts: Contracts) {}

  async execute({ contractId, requestId, outcome, reason }: SettleContractApprovalCommand): Promise<void> {
    const contract = await this.contracts.get(contractId, { lock: 'update' });
    if (!contract) return;
    const loaded = contract.snapshot().version;
    const now = new Date();
    const moved = outcome === 'granted' ? contract.approvalGranted(requestId, now) : contract.approvalReturned(requestId, outcome, reason, now);
    if (moved && !(await this.contracts.save(contract, loaded))) throw new Error(`Contract ${contractId} changed while locked`);
  }
}
