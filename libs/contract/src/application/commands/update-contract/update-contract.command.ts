import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { TermEdits } from '../../../domain/contract.aggregate.js';

/** Edits a draft contract [编辑合同草稿]; absent fields stay, lists replace the whole list. */
export class UpdateContractCommand extends Command<void> {
  constructor(
    readonly actor: Actor,
    readonly contractId: string,
    readonly edits: TermEdits,
    readonly ifMatch: number | undefined,
  ) {
    super();
  }
}
