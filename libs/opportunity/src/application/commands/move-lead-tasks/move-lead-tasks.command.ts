import { Command } from '@nestjs/cqrs';

export interface MoveLeadTasksInput {
  leadId: string;
  /** The customer the lead became. */
  customerId: string;
  /** The opportunity opened with the conversion, if any. */
  opportunityId: string | null;
  /** Who works the customer now: the open tasks become theirs. */
  assigneeId: string;
}

/**
 * A converted lead's open tasks [线索任务] follow it to the customer (and the opportunity) and to
 * the person who works it now, in the caller's unit of work; done tasks stay on the lead as its
 * history. For the Lead context's conversion, which has checked the caller may convert.
 */
export class MoveLeadTasksCommand extends Command<{ movedTaskIds: string[] }> {
  constructor(readonly input: MoveLeadTasksInput) {
    super();
  }
}
