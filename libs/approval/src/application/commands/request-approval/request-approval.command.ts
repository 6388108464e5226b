import { Command } from '@nestjs/cqrs';

/**
 * Opens an approval request for a subject of another context (a claim application, a contract).
 * Approvers are resolved now, by the subject type's process; the outcome comes back as an event.
 */
export class RequestApprovalCommand extends Command<{ requestId: string; approverIds: string[] }> {
  constructor(
    readonly input: {
      subjectType: string;
      subjectId: string;
      applicantId: string;
      title: string;
      /** Product lines involved: their heads approve steps with the `line-heads` rule. */
      productLineIds: string[];
      customerId: string | null;
      context: Record<string, unknown>;
    },
  ) {
    super();
  }
}
