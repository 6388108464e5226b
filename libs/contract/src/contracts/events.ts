import { defineEvent, type FieldChanges } from '@crm/kernel';

/**
 * Events of contracts [合同], declared once. Every one names the contract's customer, so it shows on
 * the customer 360 timeline. Money is a decimal string with its currency; dates are `YYYY-MM-DD`.
 */
export interface ContractRefV1 {
  contractId: string;
  customerId: string;
  /** The contract number [合同编号]. */
  number: string;
  ownerId: string;
  /** The contract's status after the event. */
  status: string;
}

export interface ContractCreatedV1 extends ContractRefV1 {
  opportunityId: string | null;
  name: string;
  type: string;
  signingParty: string;
  amount: string;
  currency: string;
  startDate: string | null;
  endDate: string | null;
  productIds: string[];
  instalments: { seq: number; dueDate: string; amount: string }[];
  createdBy: string;
}

export interface ContractInstalmentReminderV1 extends ContractRefV1 {
  instalmentId: string;
  seq: number;
  dueDate: string;
  amount: string;
  currency: string;
}

const about = { aggregateType: 'contract', customerId: (payload: ContractRefV1) => payload.customerId };

export const ContractEvents = {
  created: defineEvent<ContractCreatedV1>('contract.created', 1, {
    ...about,
    description: 'A contract [合同] was drafted for a customer, possibly from a won opportunity, with its payment plan [回款计划].',
  }),
  updated: defineEvent<ContractRefV1 & { changes: FieldChanges; updatedBy: string }>('contract.updated', 1, {
    ...about,
    description: 'A draft contract was edited (before and after of each term).',
  }),
  submitted: defineEvent<ContractRefV1 & { approvalRequestId: string; amount: string; currency: string; type: string; submittedBy: string }>(
    'contract.submitted',
    1,
    { ...about, description: 'A draft contract went to approval [提交审批].' },
  ),
  approved: defineEvent<ContractRefV1 & { approvalRequestId: string; amount: string; currency: string }>('contract.approved', 1, {
    ...about,
    description: 'The contract was approved [审批通过]; it can be executed.',
  }),
  returned: defineEvent<ContractRefV1 & { approvalRequestId: string; outcome: 'rejected' | 'recalled'; reason: string | null }>('contract.returned', 1, {
    ...about,
    description: 'The contract came back to draft: its approval was rejected [驳回] or recalled [撤回].',
  }),
  activated: defineEvent<ContractRefV1 & { activatedBy: string }>('contract.activated', 1, {
    ...about,
    description: 'An approved contract is being executed [执行中].',
  }),
  suspended: defineEvent<ContractRefV1 & { reason: string; suspendedBy: string }>('contract.suspended', 1, {
    ...about,
    description: 'Execution of the contract was suspended [暂停] with a reason.',
  }),
  resumed: defineEvent<ContractRefV1 & { resumedBy: string }>('contract.resumed', 1, {
    ...about,
    description: 'Execution of a suspended contract resumed [恢复执行].',
  }),
  completed: defineEvent<ContractRefV1 & { completedBy: string }>('contract.completed', 1, {
    ...about,
    description: 'The contract was fully executed [已完成]; it never changes again.',
  }),
  voided: defineEvent<
    ContractRefV1 & { reason: string; previousStatus: string; voidedInstalments: number; voidedAmount: string; currency: string; voidedBy: string }
  >('contract.voided', 1, {
    ...about,
    description: 'The contract was voided [作废] with a reason; its pending instalments [回款计划] were voided with it.',
  }),
  archived: defineEvent<ContractRefV1 & { previousStatus: string; archivedBy: string }>('contract.archived', 1, {
    ...about,
    description: 'A completed or voided contract was archived [归档].',
  }),
  amendmentSubmitted: defineEvent<
    ContractRefV1 & {
      versionNo: number;
      approvalRequestId: string;
      reason: string;
      changes: FieldChanges;
      amount: string;
      currency: string;
      submittedBy: string;
    }
  >('contract.amendment-submitted', 1, {
    ...about,
    description: 'A change [合同变更] was proposed as a new version of the terms and went to approval.',
  }),
  amendmentReturned: defineEvent<ContractRefV1 & { versionNo: number; approvalRequestId: string; outcome: 'rejected' | 'recalled'; reason: string | null }>(
    'contract.amendment-returned',
    1,
    { ...about, description: 'A proposed change was rejected or recalled; the current version stays in force.' },
  ),
  amended: defineEvent<
    ContractRefV1 & {
      versionNo: number;
      previousVersionNo: number;
      approvalRequestId: string;
      reason: string;
      changes: FieldChanges;
      amount: string;
      currency: string;
      endDate: string | null;
    }
  >('contract.amended', 1, {
    ...about,
    description: 'An approved change became the current version of the terms [合同变更生效], with its diff.',
  }),
  endingSoon: defineEvent<ContractRefV1 & { name: string; endDate: string; daysLeft: number }>('contract.ending-soon', 1, {
    ...about,
    description: 'The contract ends within the reminder lead time [合同到期提醒]. Once per end date.',
  }),
  instalmentDue: defineEvent<ContractInstalmentReminderV1>('contract.instalment-due', 1, {
    ...about,
    description: 'An instalment of the payment plan is due within the reminder lead time [回款提醒]. Once per instalment.',
  }),
  instalmentOverdue: defineEvent<ContractInstalmentReminderV1>('contract.instalment-overdue', 1, {
    ...about,
    description: 'An instalment of the payment plan is past its due date [回款逾期]. Once per instalment.',
  }),
};
