import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { CustomerProfile } from '../../../domain/customer.types.js';

/** Edits a customer's profile; `expectedVersion` comes from If-Match. */
export class UpdateCustomerCommand extends Command<{ version: number }> {
  constructor(
    readonly actor: Actor,
    readonly customerId: string,
    readonly edits: Partial<CustomerProfile>,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
