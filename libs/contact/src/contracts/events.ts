import { defineEvent, type FieldChanges } from '@crm/kernel';

/** Events of the Contact context, declared once. Link and record events concern a customer (its 360 timeline). */
export interface ContactLinkV1 {
  contactId: string;
  customerId: string;
  linkId: string;
  role: string;
  title: string | null;
  primary: boolean;
  startedOn: string;
  endedOn: string | null;
}

const aboutCustomer = (payload: { customerId: string | null }) => payload.customerId;

export const ContactEvents = {
  created: defineEvent<{
    contactId: string;
    name: string;
    phones: string[];
    emails: string[];
    wechatId: string | null;
    title: string | null;
    notes: string | null;
    ownerId: string;
    createdBy: string;
  }>('contact.created', 1, { aggregateType: 'contact', description: 'A contact [联系人] was created: a person, linked to customers separately.' }),
  updated: defineEvent<{ contactId: string; changes: FieldChanges }>('contact.updated', 1, {
    aggregateType: 'contact',
    description: "A contact's details changed (phones and e-mails included; de-duplication follows).",
  }),
  linked: defineEvent<ContactLinkV1>('contact.linked', 1, {
    aggregateType: 'contact',
    customerId: aboutCustomer,
    description: 'A contact was linked to a customer with a role (decision maker [决策人/KP], influencer…).',
  }),
  linkChanged: defineEvent<ContactLinkV1 & { changes: FieldChanges }>('contact.link-changed', 1, {
    aggregateType: 'contact',
    customerId: aboutCustomer,
    description: "A link's role, title or primary flag changed.",
  }),
  linkEnded: defineEvent<ContactLinkV1 & { changes: FieldChanges }>('contact.link-ended', 1, {
    aggregateType: 'contact',
    customerId: aboutCustomer,
    description: 'A contact left a customer (job change): the history stays with the person.',
  }),
  recordAdded: defineEvent<{ contactId: string; recordId: string; customerId: string | null; kind: string; summary: string; occurredAt: string }>(
    'contact.record-added',
    1,
    { aggregateType: 'contact', customerId: aboutCustomer, description: 'Something was noted about the person (a call, a preference…).' },
  ),
  deleted: defineEvent<{ contactId: string }>('contact.deleted', 1, {
    aggregateType: 'contact',
    description: 'A contact with no links was deleted; its phones and e-mails are free again.',
  }),
};
