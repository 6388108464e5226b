import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { ContactRole } from '../../../domain/contact.types.js';

export interface CustomerContactView {
  linkId: string;
  role: ContactRole;
  title: string | null;
  primary: boolean;
  startedOn: string;
  endedOn: string | null;
  contact: { id: string; name: string; phones: string[]; emails: string[]; wechatId: string | null };
}

/** A customer's contacts [客户联系人]; `role=decision-maker` gives its decision makers (KP). */
export class ListCustomerContactsQuery extends Query<CustomerContactView[]> {
  constructor(
    readonly actor: Actor,
    readonly customerId: string,
    readonly role: ContactRole | undefined,
    readonly includeEnded: boolean,
  ) {
    super();
  }
}
