import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertIfMatch, assertSaved } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { Opportunities } from '../../../domain/opportunities.port.js';
import { OpportunityErrors } from '../../../domain/opportunity.errors.js';
import { Pipelines } from '../../../domain/pipelines.port.js';
import { assertCanChange } from '../../opportunity-access.js';
import { currentVersion } from '../update-opportunity/update-opportunity.handler.js';
import { ChangeStageCommand } from './change-stage.command.js';

@CommandHandler(ChangeStageCommand)
export class ChangeStageHandler implements ICommandHandler<ChangeStageCommand> {
  constructor(
    private readonly opportunities: Opportunities,
    private readonly pipelines: Pipelines,
  ) {}

  async execute({ actor, opportunityId, input, expectedVersion }: ChangeStageCommand): Promise<{ version: number }> {
    const opportunity = await this.opportunities.get(opportunityId);
    assertCanChange(actor, opportunity);
    const loadedVersion = opportunity.version;
    assertIfMatch('opportunity', expectedVersion, loadedVersion);
    // Held (FOR SHARE) until commit, so the target stage cannot be removed while the opportunity enters it.
    const pipeline = await this.pipelines.get(opportunity.pipelineId, { lock: 'share' });
    if (!pipeline) throw OpportunityErrors.unknownPipeline();
    const lossReason = input.lossReasonId === undefined ? undefined : await this.pipelines.lossReason(input.lossReasonId);
    if (input.lossReasonId !== undefined && !lossReason) throw OpportunityErrors.unknownLossReason();
    opportunity.changeStage({
      pipeline,
      toStageId: input.toStageId,
      by: actor.id,
      probability: input.probability,
      probabilityReason: input.probabilityReason,
      lossReason,
      lostTo: input.lostTo,
      now: new Date(),
      newId: uuidv7,
    });
    // Two moves from the same version: one saves, the other finds the version gone (412 with If-Match, else 409).
    await assertSaved(await this.opportunities.save(opportunity, loadedVersion), 'opportunity', expectedVersion, () =>
      currentVersion(this.opportunities, opportunityId),
    );
    return { version: opportunity.version };
  }
}
