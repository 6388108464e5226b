import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { ContactRole } from '../../../domain/contact.types.js';

export interface ContactCustomerView {
  linkId: string;
  customerId: string;
  customerName: string | null;
  role: ContactRole;
  title: string | null;
  primary: boolean;
  startedOn: string;
  endedOn: string | null;
}

/** Where a person works and worked [任职经历], current first; only customers the caller may see. */
export class ListContactCustomersQuery extends Query<ContactCustomerView[]> {
  constructor(
    readonly actor: Actor,
    readonly contactId: string,
  ) {
    super();
  }
}
