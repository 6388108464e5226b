import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertIfMatch, assertSaved, TransactionHost } from '@crm/platform';
import { CustomerErrors } from '../../../domain/customer.errors.js';
import { CustomerRepository } from '../../../infrastructure/customer.repository.js';
import { assertCanWork, canReadCustomer } from '../../customer-access.js';
import { UpdateCustomerCommand } from './update-customer.command.js';

@CommandHandler(UpdateCustomerCommand)
export class UpdateCustomerHandler implements ICommandHandler<UpdateCustomerCommand> {
  constructor(
    private readonly customers: CustomerRepository,
    private readonly tx: TransactionHost,
  ) {}

  async execute({ actor, customerId, edits, expectedVersion }: UpdateCustomerCommand): Promise<{ version: number }> {
    const customer = await this.customers.findById(customerId);
    assertCanWork(actor, customer);
    const loadedVersion = customer.version;
    assertIfMatch('customer', expectedVersion, loadedVersion);
    const changes = customer.updateProfile(edits, await this.customers.loadGradePolicy({ forWrite: true }), new Date());
    if (Object.keys(changes).length === 0) return { version: loadedVersion };
    const state = customer.snapshot();
    if (changes.parentId && state.parentId) {
      // Hierarchy edits take turns, so two opposite edits cannot both pass the cycle check.
      await this.tx.query(`SELECT pg_advisory_xact_lock(hashtext('customer-hierarchy'))`);
      if (!canReadCustomer(actor, await this.customers.findById(state.parentId))) throw CustomerErrors.parentNotFound();
      if (await this.customers.wouldCreateCycle(customerId, state.parentId)) throw CustomerErrors.parentCycle();
    }
    if (changes.name || changes.creditCode || changes.phone) {
      const duplicates = await this.customers.findExactDuplicates({ ...state, excludeId: customerId }, actor.id);
      if (duplicates.length > 0) throw CustomerErrors.duplicate(duplicates);
    }
    // Someone saved in between: with If-Match the client's copy is stale (412), without it retry (409).
    await assertSaved(await this.customers.update(customer, loadedVersion), 'customer', expectedVersion, () => loadedVersion + 1);
    return { version: customer.version };
  }
}
