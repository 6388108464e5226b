import { DomainError, NotFoundError } from '@crm/kernel';
import type { ContractStatus } from './contract.types.js';

/** Stable error codes of contracts [合同]. */
export const ContractErrors = {
  notFound: () => new NotFoundError('CONTRACT.NOT_FOUND', 'No such contract [合同] (or it is outside your data scope).'),
  illegalTransition: (action: string, contractStatus: ContractStatus) =>
    new DomainError('CONTRACT.ILLEGAL_TRANSITION', 'conflict', `A contract that is ${contractStatus} cannot be ${action}.`, { action, contractStatus }),
  notDraft: (contractStatus: ContractStatus) =>
    new DomainError(
      'CONTRACT.NOT_DRAFT',
      'conflict',
      `Only a draft contract is edited in place; this one is ${contractStatus}. Approved and executing contracts change through an amendment [合同变更].`,
      { contractStatus },
    ),
  inApproval: (contractStatus: ContractStatus) =>
    new DomainError(
      'CONTRACT.IN_APPROVAL',
      'conflict',
      'The contract is in approval: recall the request or have it rejected before changing it [先撤回或驳回].',
      { contractStatus },
    ),
  notAmendable: (contractStatus: ContractStatus) =>
    new DomainError('CONTRACT.NOT_AMENDABLE', 'conflict', `Only approved or executing contracts change; this one is ${contractStatus}.`, { contractStatus }),
  amendmentPending: (versionNo: number) =>
    new DomainError('CONTRACT.AMENDMENT_PENDING', 'conflict', `Change version ${versionNo} is in approval: recall it or have it rejected first.`, {
      versionNo,
    }),
  noChanges: () => new DomainError('CONTRACT.NO_CHANGES', 'rule-violation', 'The change leaves every term as it is.'),
  invalidAmount: (field: string) =>
    new DomainError('CONTRACT.INVALID_AMOUNT', 'invalid', `${field} is not a decimal string with at most 16 digits and 2 decimals.`),
  invalidInstalment: (seq: number, detail: string) => new DomainError('CONTRACT.INVALID_INSTALMENT', 'invalid', `Instalment ${seq}: ${detail}.`, { seq }),
  planMismatch: (amount: string, planTotal: string) =>
    new DomainError('CONTRACT.PLAN_MISMATCH', 'rule-violation', `The payment plan [回款计划] sums to ${planTotal}, not the contract amount ${amount}.`, {
      amount,
      planTotal,
    }),
  planRequired: () => new DomainError('CONTRACT.PLAN_REQUIRED', 'rule-violation', 'A contract goes to approval with its payment plan [回款计划].'),
  invalidPeriod: () => new DomainError('CONTRACT.INVALID_PERIOD', 'rule-violation', 'The end date is before the start date.'),
  reasonRequired: () => new DomainError('CONTRACT.REASON_REQUIRED', 'invalid', 'A reason is required.'),
  customerRequired: () => new DomainError('CONTRACT.CUSTOMER_REQUIRED', 'invalid', 'Name the customer, or the won opportunity the contract starts from.'),
  nameRequired: () => new DomainError('CONTRACT.NAME_REQUIRED', 'invalid', 'A contract needs a name (or a won opportunity to take it from).'),
  amountRequired: () => new DomainError('CONTRACT.AMOUNT_REQUIRED', 'invalid', 'A contract needs an amount (or a won opportunity to take it from).'),
  opportunityNotWon: () => new DomainError('CONTRACT.OPPORTUNITY_NOT_WON', 'rule-violation', 'A contract starts only from a won opportunity [赢单商机].'),
  opportunityCustomerMismatch: () =>
    new DomainError('CONTRACT.OPPORTUNITY_CUSTOMER_MISMATCH', 'rule-violation', 'The opportunity belongs to another customer.'),
  ownerNotAssignable: () => new DomainError('CONTRACT.OWNER_NOT_ASSIGNABLE', 'rule-violation', 'The owner must be an active user within your data scope.'),
  invalidNumberPattern: (detail: string) => new DomainError('CONTRACT.INVALID_NUMBER_PATTERN', 'invalid', `Invalid number pattern: ${detail}.`),
  numbersExhausted: (prefix: string) =>
    new DomainError('CONTRACT.NUMBERS_EXHAUSTED', 'conflict', `Every number of the pattern for ${prefix} is taken: widen {seq:n} in the pattern.`, {
      prefix,
    }),
  attachmentNotFound: () => new NotFoundError('CONTRACT.ATTACHMENT_NOT_FOUND', 'No such attachment on this contract.'),
  attachmentMissing: () => new DomainError('CONTRACT.ATTACHMENT_MISSING', 'invalid', 'Send the file as multipart/form-data in the field `file`.'),
  attachmentTooLarge: (maxBytes: number) =>
    new DomainError('CONTRACT.ATTACHMENT_TOO_LARGE', 'rule-violation', `Attachments are at most ${maxBytes} bytes.`, { maxBytes }),
  attachmentTypeNotAllowed: (contentType: string, allowed: readonly string[]) =>
    new DomainError('CONTRACT.ATTACHMENT_TYPE_NOT_ALLOWED', 'rule-violation', `Files of type ${contentType} are not accepted.`, {
      contentType,
      allowed,
    }),
};
