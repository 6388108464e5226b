import type { CommandBus } from '@nestjs/cqrs';
import { RequestApprovalCommand } from '@crm/contracts/approval';
import type { ApprovalFactsOf, ContractState } from '../domain/contract.aggregate.js';

/** Approval requests about contracts and their changes carry this subject type; their subject id is the contract's. */
export const CONTRACT_SUBJECT = 'contract';

/**
 * Asks the Approval context's port to decide a contract or a change of it [合同审批]: the process for
 * `contract` routes on the amount and the contract type (a legal step [法务] from a threshold).
 */
export async function requestContractApproval(commands: CommandBus, applicantId: string, contract: ContractState, facts: ApprovalFactsOf): Promise<string> {
  const change = facts.versionNo > 1;
  const { requestId } = await commands.execute(
    new RequestApprovalCommand({
      subjectType: CONTRACT_SUBJECT,
      subjectId: contract.id,
      applicantId,
      title: change ? `合同变更 ${contract.number} 第${facts.versionNo}版` : `合同审批 ${contract.number}`,
      customerId: contract.customerId,
      facts: { amount: facts.amount, contractType: facts.contractType, change },
      context: {
        contractId: contract.id,
        number: contract.number,
        name: contract.terms.name,
        versionNo: facts.versionNo,
        currency: contract.terms.currency,
        changedFields: Object.keys(facts.changes),
      },
    }),
  );
  return requestId;
}
