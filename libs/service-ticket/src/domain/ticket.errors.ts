import { DomainError, NotFoundError } from '@crm/kernel';
import type { EligibilityCheck, TicketStatus } from './ticket.types.js';

export const TicketErrors = {
  notFound: () => new NotFoundError('TICKET.NOT_FOUND', 'No such ticket (or it is outside your reach).'),
  typeNotFound: () => new NotFoundError('TICKET_TYPE.NOT_FOUND', 'No such ticket type.'),
  typeInactive: () => new DomainError('TICKET_TYPE.INACTIVE', 'rule-violation', 'The ticket type is switched off.'),
  typeTooDeep: (max: number) => new DomainError('TICKET_TYPE.TOO_DEEP', 'rule-violation', `Ticket types nest at most ${max} levels.`, { maxDepth: max }),
  typeDuplicate: () => new DomainError('TICKET_TYPE.DUPLICATE', 'conflict', 'A ticket type with that name already exists at that level.'),
  illegalTransition: (status: TicketStatus, to: string) =>
    new DomainError('TICKET.ILLEGAL_TRANSITION', 'conflict', `A ${status} ticket cannot go to ${to}.`, { currentStatus: status, to }),
  reopenWindowPassed: (days: number) =>
    new DomainError('TICKET.REOPEN_WINDOW_PASSED', 'rule-violation', `A ticket can be reopened within ${days} days of its resolution.`, {
      reopenWindowDays: days,
    }),
  resolutionRequired: () => new DomainError('TICKET.RESOLUTION_REQUIRED', 'invalid', 'Resolving a ticket needs a resolution [解决方案].'),
  reasonRequired: () => new DomainError('TICKET.REASON_REQUIRED', 'invalid', 'This change needs a reason.'),
  notEligible: (checks: EligibilityCheck[]) =>
    new DomainError('TICKET.NOT_ELIGIBLE', 'rule-violation', 'The customer is not entitled to service for this request [不在服务范围].', {
      reasons: checks.filter((check) => !check.passed).map((check) => ({ check: check.check, detail: check.detail })),
    }),
  overrideRequired: () =>
    new DomainError(
      'TICKET.ELIGIBILITY_OVERRIDE_REQUIRED',
      'rule-violation',
      'The ticket is flagged as not entitled to service; a supervisor must override it first.',
    ),
  nothingToOverride: () => new DomainError('TICKET.NOTHING_TO_OVERRIDE', 'conflict', 'The ticket is not flagged as ineligible (or was already overridden).'),
  alreadyTaken: (handlerId: string | null) =>
    new DomainError('TICKET.ALREADY_TAKEN', 'conflict', 'Someone already took this ticket [已被抢单].', { handlerId }),
  notInTeam: () => new DomainError('TICKET.NOT_IN_TEAM', 'forbidden', "Only members of the ticket's team can grab it [抢单]."),
  capacityReached: (capacity: number) =>
    new DomainError('TICKET.CAPACITY_REACHED', 'rule-violation', `You already handle ${capacity} open tickets, your capacity.`, { capacity }),
  handlerNotActive: () => new DomainError('TICKET.HANDLER_NOT_ACTIVE', 'rule-violation', 'The handler is not an active user.'),
  teamNotFound: () => new NotFoundError('TICKET.TEAM_NOT_FOUND', 'No such team, or it has no members.'),
  noEscalationTarget: () => new DomainError('TICKET.NO_ESCALATION_TARGET', 'rule-violation', 'Nobody to escalate to: the handler has no supervisor; name one.'),
  sameHandler: () => new DomainError('TICKET.SAME_HANDLER', 'conflict', 'The ticket is already with that person.'),
  contactNotFound: () => new NotFoundError('TICKET.CONTACT_NOT_FOUND', 'No such contact at this customer.'),
  alreadyRated: () => new DomainError('TICKET.ALREADY_RATED', 'conflict', 'The customer already rated this ticket.'),
  portalTokenNotFound: () => new NotFoundError('TICKET.PORTAL_TOKEN_NOT_FOUND', 'No such self-service token (or it was revoked already).'),
  orderNotFound: () => new NotFoundError('TICKET.ORDER_NOT_FOUND', 'No such order of yours.'),
  workOrderNotFound: () => new NotFoundError('WORK_ORDER.NOT_FOUND', 'No such field work order on this ticket.'),
  workOrderState: (status: string, action: string) =>
    new DomainError('WORK_ORDER.ILLEGAL_TRANSITION', 'conflict', `A ${status} work order cannot be ${action}.`, { currentStatus: status, action }),
  invalidAppointment: () => new DomainError('WORK_ORDER.INVALID_APPOINTMENT', 'invalid', 'The appointment window must end after it starts.'),
};
