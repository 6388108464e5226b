import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { v7 as uuidv7 } from 'uuid';
import { Contract } from '../../../domain/contract.aggregate.js';
import { ContractErrors } from '../../../domain/contract.errors.js';
import { DEFAULT_CURRENCY } from '../../../domain/contract.types.js';
import { Contracts } from '../../../domain/contracts.port.js';
import { ContractSettingsStore } from '../../../infrastructure/contract-settings.store.js';
import { WonOpportunities } from '../../../infrastructure/won-opportunities.js';
import { ContractReferences } from '../../contract-references.js';
import { CreateContractCommand } from './create-contract.command.js';

@CommandHandler(CreateContractCommand)
export class CreateContractHandler implements ICommandHandler<CreateContractCommand> {
  constructor(
    private readonly contracts: Contracts,
    private readonly settings: ContractSettingsStore,
    private readonly won: WonOpportunities,
    private readonly references: ContractReferences,
  ) {}

  async execute({ actor, input }: CreateContractCommand): Promise<{ id: string }> {
    // A won opportunity names the customer and supplies what the caller leaves out.
    const opportunity = input.opportunityId ? await this.won.find(input.opportunityId) : undefined;
    if (input.opportunityId && !opportunity) throw ContractErrors.opportunityNotWon();
    if (opportunity && input.customerId && opportunity.customerId !== input.customerId) throw ContractErrors.opportunityCustomerMismatch();
    const customerId = input.customerId ?? opportunity?.customerId;
    if (!customerId) throw ContractErrors.customerRequired();
    await this.references.customerWorkable(actor, customerId);
    const name = input.name ?? opportunity?.name;
    if (!name) throw ContractErrors.nameRequired();
    const amount = input.amount ?? opportunity?.amount;
    if (amount === undefined) throw ContractErrors.amountRequired();
    const productIds = input.productIds ?? opportunity?.productIds ?? [];
    await this.references.products(productIds);
    const ownerId = input.ownerId ?? actor.id;
    await this.references.assignableOwner(actor, ownerId);
    const now = new Date();
    const contract = Contract.draft({
      id: uuidv7(),
      versionId: uuidv7(),
      number: await this.settings.nextNumber(now),
      customerId,
      opportunityId: input.opportunityId ?? null,
      ownerId,
      terms: {
        name,
        type: input.type,
        signingParty: input.signingParty,
        amount,
        currency: input.currency ?? opportunity?.currency ?? DEFAULT_CURRENCY,
        quantity: input.quantity,
        paymentMethod: input.paymentMethod,
        startDate: input.startDate,
        endDate: input.endDate,
        productIds,
        instalments: input.instalments,
      },
      createdBy: actor.id,
      now,
    });
    await this.contracts.add(contract);
    return { id: contract.id };
  }
}
