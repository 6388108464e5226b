import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { ContactState } from '../../../domain/contact.aggregate.js';

export type ContactView = Omit<ContactState, 'createdAt' | 'updatedAt'> & { createdAt: string; updatedAt: string };

export function toContactView(state: ContactState): ContactView {
  return { ...state, createdAt: new Date(state.createdAt).toISOString(), updatedAt: new Date(state.updatedAt).toISOString() };
}

export class GetContactQuery extends Query<ContactView> {
  constructor(
    readonly actor: Actor,
    readonly contactId: string,
  ) {
    super();
  }
}
