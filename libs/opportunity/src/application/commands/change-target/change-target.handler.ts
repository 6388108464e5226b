import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertIfMatch, assertSaved } from '@crm/platform';
import { OpportunityErrors } from '../../../domain/opportunity.errors.js';
import { SqlTargets } from '../../../infrastructure/sql-targets.js';
import { canSetTarget } from '../../reports/target-access.js';
import { TargetReader } from '../../targets/target-reader.js';
import { targetValue } from '../../targets/target-value.js';
import type { TargetView } from '../../targets/target-view.js';
import { ChangeTargetCommand } from './change-target.command.js';

@CommandHandler(ChangeTargetCommand)
export class ChangeTargetHandler implements ICommandHandler<ChangeTargetCommand> {
  constructor(
    private readonly targets: SqlTargets,
    private readonly reader: TargetReader,
  ) {}

  async execute({ actor, targetId, value, expectedVersion }: ChangeTargetCommand): Promise<TargetView> {
    const { target, members } = await this.reader.visible(actor, targetId);
    // Seen but not theirs to set (their own, their team's): set by a superior.
    if (!canSetTarget(actor, target.subjectType, target.subjectId, members)) throw OpportunityErrors.ownTarget();
    const newValue = targetValue(target.metric, value);
    assertIfMatch('target', expectedVersion, target.version);
    const now = new Date();
    await assertSaved(
      await this.targets.updateValue(targetId, newValue, target.version, now),
      'target',
      expectedVersion,
      async () => (await this.targets.find(targetId))?.version,
    );
    return this.reader.view({ ...target, value: newValue, updatedAt: now, version: target.version + 1 }, members);
  }
}
