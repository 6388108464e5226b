import { Command } from '@nestjs/cqrs';

/**
 * What the requesting context already knows and the process may route on: the product lines
 * involved with their heads (for `line-heads` steps, so the catalogue is not asked again), and any
 * facts step conditions test (amount as a decimal string, contract type, customer grade…).
 */
export interface ApprovalFacts {
  productLines?: { id: string; headIds: string[] }[];
  [fact: string]: string | number | boolean | null | undefined | { id: string; headIds: string[] }[];
}

/**
 * The approval port [审批]: opens a request for a subject of another context (a claim application,
 * a contract, an order). The caller supplies the subject's id up front, so it stores the request id
 * with its subject in one write. Approvers are resolved now, from the subject type's process; the
 * outcome comes back as an event (approval.granted.v1 …) the requester reacts to.
 */
export class RequestApprovalCommand extends Command<{ requestId: string; approverIds: string[] }> {
  constructor(
    readonly input: {
      subjectType: string;
      subjectId: string;
      applicantId: string;
      title: string;
      customerId: string | null;
      facts: ApprovalFacts;
      /** Shown with the request and echoed in its events. */
      context: Record<string, unknown>;
    },
  ) {
    super();
  }
}
