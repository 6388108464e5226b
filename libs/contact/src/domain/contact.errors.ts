import { DomainError, NotFoundError } from '@crm/kernel';

export const ContactErrors = {
  notFound: () => new NotFoundError('CONTACT.NOT_FOUND', 'No such contact (or it is outside your data scope).'),
  duplicate: (existing: { id: string; name: string; matchedOn: string; value: string }[]) =>
    new DomainError('CONTACT.DUPLICATE', 'conflict', 'A contact with this phone or e-mail already exists [联系人已存在].', {
      existing,
    }),
  alreadyLinked: () => new DomainError('CONTACT.ALREADY_LINKED', 'conflict', 'This contact is already linked to that customer.'),
  linkNotFound: () => new NotFoundError('CONTACT.LINK_NOT_FOUND', 'No active link between this contact and customer.'),
  linkEndBeforeStart: () => new DomainError('CONTACT.LINK_END_BEFORE_START', 'rule-violation', 'A link cannot end before it started.'),
  stillLinked: () => new DomainError('CONTACT.STILL_LINKED', 'conflict', "End the contact's links to customers before deleting it; their history stays."),
};
