import type { DomainEvent } from '@crm/kernel';

/** Link events concern a customer, so they show on its 360 timeline. */
export function linkEvent(
  name: 'linked' | 'link-changed' | 'link-ended',
  link: { id: string; contactId: string; customerId: string; role: string; title: string | null; isPrimary: boolean; startedOn: string; endedOn: string | null },
  extra: Record<string, unknown>,
): DomainEvent {
  return {
    type: `contact.${name}`,
    version: 1,
    aggregateType: 'contact',
    aggregateId: link.contactId,
    customerId: link.customerId,
    payload: {
      contactId: link.contactId,
      customerId: link.customerId,
      linkId: link.id,
      role: link.role,
      title: link.title,
      primary: link.isPrimary,
      startedOn: link.startedOn,
      endedOn: link.endedOn,
      ...extra,
    },
  };
}
