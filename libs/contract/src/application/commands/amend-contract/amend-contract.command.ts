import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { TermEdits } from '../../../domain/contract.aggregate.js';

/** Proposes a change [合同变更] of an approved or executing contract: a new version, approved like the contract. */
export class AmendContractCommand extends Command<{ versionNo: number; approvalRequestId: string }> {
  constructor(
    readonly actor: Actor,
    readonly contractId: string,
    readonly edits: TermEdits,
    readonly reason: string,
    readonly ifMatch: number | undefined,
  ) {
    super();
  }
}
