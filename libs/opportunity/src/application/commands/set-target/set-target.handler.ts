import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { v7 as uuidv7 } from 'uuid';
import { OpportunityErrors } from '../../../domain/opportunity.errors.js';
import { parsePeriod } from '../../../domain/periods.js';
import { OpportunityPeople } from '../../../infrastructure/opportunity-people.js';
import { SqlTargets } from '../../../infrastructure/sql-targets.js';
import { canSetTarget, subjectMembers } from '../../reports/target-access.js';
import { TargetReader } from '../../targets/target-reader.js';
import { targetValue } from '../../targets/target-value.js';
import type { TargetView } from '../../targets/target-view.js';
import { SetTargetCommand } from './set-target.command.js';

@CommandHandler(SetTargetCommand)
export class SetTargetHandler implements ICommandHandler<SetTargetCommand> {
  constructor(
    private readonly targets: SqlTargets,
    private readonly people: OpportunityPeople,
    private readonly reader: TargetReader,
  ) {}

  async execute({ actor, input }: SetTargetCommand): Promise<TargetView> {
    if (!parsePeriod(input.period)) throw OpportunityErrors.invalidTarget('The period is a year (2026), a quarter (2026-Q1) or a month (2026-01).');
    const value = targetValue(input.metric, input.value);
    if (input.subjectType === 'user' && input.subjectId === actor.id) throw OpportunityErrors.ownTarget();
    const members = await subjectMembers(this.people, input.subjectType, input.subjectId);
    if (!canSetTarget(actor, input.subjectType, input.subjectId, members)) throw OpportunityErrors.targetSubjectNotFound();
    const now = new Date();
    const target = { id: uuidv7(), ...input, value, createdBy: actor.id, createdAt: now, updatedAt: now, version: 1 };
    if (!(await this.targets.insert(target))) {
      const existing = await this.targets.findBySubject(input.subjectType, input.subjectId, input.period, input.metric);
      throw OpportunityErrors.targetExists(existing?.id ?? '');
    }
    return this.reader.view(target, members);
  }
}
