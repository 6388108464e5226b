import { DomainError, NotFoundError } from '@crm/kernel';

export const SlaErrors = {
  calendarNotFound: () => new NotFoundError('BUSINESS_CALENDAR.NOT_FOUND', 'No such business calendar.'),
  invalidCalendar: (detail: string) => new DomainError('BUSINESS_CALENDAR.INVALID', 'invalid', detail),
  policyNotFound: () => new NotFoundError('SLA_POLICY.NOT_FOUND', 'No such SLA policy.'),
  invalidPolicy: (detail: string) => new DomainError('SLA_POLICY.INVALID', 'invalid', detail),
};
