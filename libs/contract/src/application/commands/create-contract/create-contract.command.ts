import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { ContractType, PaymentMethod } from '../../../domain/contract.types.js';
import type { InstalmentInput } from '../../../domain/contract.aggregate.js';

export interface CreateContractInput {
  customerId?: string;
  /** A won opportunity [赢单商机] the contract starts from: customer, name, amount and products default to it. */
  opportunityId?: string;
  name?: string;
  type: ContractType;
  signingParty: string;
  amount?: string;
  currency?: string;
  quantity: string | null;
  paymentMethod: PaymentMethod | null;
  startDate: string | null;
  endDate: string | null;
  productIds?: string[];
  instalments: InstalmentInput[];
  ownerId?: string;
}

/** Drafts a contract [新建合同] with the next number of the configured pattern. */
export class CreateContractCommand extends Command<{ id: string }> {
  constructor(
    readonly actor: Actor,
    readonly input: CreateContractInput,
  ) {
    super();
  }
}
