import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { CustomerKind, CustomerProfile } from '../../../domain/customer.types.js';

export interface CreateCustomerInput {
  kind: CustomerKind;
  profile: CustomerProfile;
  /** undefined: the caller; null: straight into the public pool; an id: assign to that user. */
  ownerId?: string | null;
}

/** Creates a customer [新建客户] after duplicate checks; returns its id. */
export class CreateCustomerCommand extends Command<{ id: string }> {
  constructor(
    readonly actor: Actor,
    readonly input: CreateCustomerInput,
  ) {
    super();
  }
}
