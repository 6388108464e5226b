import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ContactAccess } from '../../contact-access.js';
import { GetContactQuery, toContactView, type ContactView } from './get-contact.query.js';

@QueryHandler(GetContactQuery)
export class GetContactHandler implements IQueryHandler<GetContactQuery> {
  constructor(private readonly access: ContactAccess) {}

  async execute({ actor, contactId }: GetContactQuery): Promise<ContactView> {
    return toContactView((await this.access.visibleContact(actor, contactId)).snapshot());
  }
}
