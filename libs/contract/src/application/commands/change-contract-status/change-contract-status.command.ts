import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { ContractAction } from '../../../domain/contract.aggregate.js';

/** A state action on a contract [合同状态操作]: activate, suspend, resume, complete, void or archive. */
export class ChangeContractStatusCommand extends Command<void> {
  constructor(
    readonly actor: Actor,
    readonly contractId: string,
    readonly action: ContractAction,
    readonly reason: string | null,
    readonly ifMatch: number | undefined,
  ) {
    super();
  }
}
