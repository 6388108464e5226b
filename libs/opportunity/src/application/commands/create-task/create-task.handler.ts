import { CommandHandler, QueryBus, type ICommandHandler } from '@nestjs/cqrs';
import { CheckCustomerWorkableQuery } from '@crm/contracts/customer';
import { CheckLeadVisibleQuery } from '@crm/contracts/lead';
import { DataScope } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { Opportunities } from '../../../domain/opportunities.port.js';
import { OpportunityErrors } from '../../../domain/opportunity.errors.js';
import { OpportunityPeople } from '../../../infrastructure/opportunity-people.js';
import { SqlTasks } from '../../../infrastructure/sql-tasks.js';
import { assertCanChange } from '../../opportunity-access.js';
import { toTaskView, type TaskView } from '../../tasks/task-view.js';
import { CreateTaskCommand } from './create-task.command.js';

/**
 * On an opportunity the caller may change (else its 404), a customer the caller works (the
 * Customer context answers, with its own 404 / 403), or an open lead the caller can see (the Lead
 * context answers, 404 otherwise); for the caller or an active person in their scope.
 */
@CommandHandler(CreateTaskCommand)
export class CreateTaskHandler implements ICommandHandler<CreateTaskCommand> {
  constructor(
    private readonly tasks: SqlTasks,
    private readonly opportunities: Opportunities,
    private readonly people: OpportunityPeople,
    private readonly queries: QueryBus,
  ) {}

  async execute({ actor, input }: CreateTaskCommand): Promise<TaskView> {
    if ([input.opportunityId, input.customerId, input.leadId].filter((id) => id !== undefined).length !== 1) throw OpportunityErrors.taskSubjectRequired();
    let customerId: string | null = null;
    if (input.leadId !== undefined) {
      // The Lead context answers: 404 for a lead the caller cannot see; only open leads are worked.
      const lead = await this.queries.execute(new CheckLeadVisibleQuery(actor, input.leadId));
      if (lead.status !== 'open' && lead.status !== 'converting') throw OpportunityErrors.taskLeadNotOpen(lead.status);
    } else if (input.opportunityId !== undefined) {
      const opportunity = await this.opportunities.get(input.opportunityId);
      assertCanChange(actor, opportunity);
      customerId = opportunity.customerId;
    } else {
      customerId = input.customerId!;
      await this.queries.execute(new CheckCustomerWorkableQuery(actor, customerId));
    }
    const assigneeId = input.assigneeId ?? actor.id;
    if (assigneeId !== actor.id && (!DataScope.of(actor).allows({ ownerId: assigneeId }) || !(await this.people.isActive(assigneeId)))) {
      throw OpportunityErrors.taskAssigneeInvalid();
    }
    const now = new Date();
    const task = {
      id: uuidv7(),
      opportunityId: input.opportunityId ?? null,
      customerId,
      leadId: input.leadId ?? null,
      kind: input.kind,
      title: input.title.trim(),
      dueAt: input.dueAt,
      assigneeId,
      status: 'open' as const,
      resultNote: null,
      activityId: null,
      closedAt: null,
      closedBy: null,
      remindedAt: null,
      createdBy: actor.id,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await this.tasks.insert(task);
    return toTaskView(task);
  }
}
