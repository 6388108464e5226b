import type { FieldChanges } from '@crm/kernel';
import { ContactEvents, type ContactLinkV1 } from '../contracts/events.js';

type LinkFacts = {
  id: string;
  contactId: string;
  customerId: string;
  role: string;
  title: string | null;
  isPrimary: boolean;
  startedOn: string;
  endedOn: string | null;
};

function linkPayload(link: LinkFacts): ContactLinkV1 {
  return {
    contactId: link.contactId,
    customerId: link.customerId,
    linkId: link.id,
    role: link.role,
    title: link.title,
    primary: link.isPrimary,
    startedOn: link.startedOn,
    endedOn: link.endedOn,
  };
}

export const linkEvents = {
  linked: (link: LinkFacts) => ContactEvents.linked.create(link.contactId, linkPayload(link)),
  changed: (link: LinkFacts, changes: FieldChanges) =>
    (link.endedOn ? ContactEvents.linkEnded : ContactEvents.linkChanged).create(link.contactId, { ...linkPayload(link), changes }),
};
