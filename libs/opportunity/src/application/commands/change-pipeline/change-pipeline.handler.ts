import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertIfMatch, assertSaved, UnitOfWork } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { OpportunityEvents } from '../../../contracts/events.js';
import { Opportunities } from '../../../domain/opportunities.port.js';
import { OpportunityErrors } from '../../../domain/opportunity.errors.js';
import { Pipelines } from '../../../domain/pipelines.port.js';
import { makeRoomForDefault } from '../create-pipeline/create-pipeline.handler.js';
import { ChangePipelineCommand } from './change-pipeline.command.js';

@CommandHandler(ChangePipelineCommand)
export class ChangePipelineHandler implements ICommandHandler<ChangePipelineCommand> {
  constructor(
    private readonly pipelines: Pipelines,
    private readonly opportunities: Opportunities,
    private readonly uow: UnitOfWork,
  ) {}

  async execute({ actor, pipelineId, changes, expectedVersion }: ChangePipelineCommand): Promise<{ version: number; movedOpportunities: number }> {
    // Locked until commit: no opportunity enters a stage while it is being removed (they load it FOR SHARE).
    const pipeline = await this.pipelines.get(pipelineId, { lock: 'update' });
    if (!pipeline) throw OpportunityErrors.pipelineNotFound();
    const loadedVersion = pipeline.version;
    assertIfMatch('pipeline', expectedVersion, loadedVersion);
    if (changes.name !== undefined && (await this.pipelines.nameTaken(changes.name, pipelineId)))
      throw OpportunityErrors.pipelineNameTaken(changes.name.trim());
    const becomesDefault = changes.isDefault === true && !pipeline.isDefault;
    const removed = pipeline.edit(changes, uuidv7);
    const now = new Date();
    let movedOpportunities = 0;
    for (const { stage, moveTo } of removed) {
      if (!moveTo) {
        const open = await this.opportunities.countOpen(pipelineId, stage.id);
        if (open > 0) throw OpportunityErrors.stageInUse(stage.id, stage.name, open);
        continue;
      }
      const moved = await this.opportunities.moveOpen({ pipelineId, from: stage, to: moveTo, by: actor.id, now });
      movedOpportunities += moved.length;
      this.uow.raise(
        ...moved.map((opportunity) =>
          OpportunityEvents.stageChanged.create(opportunity.opportunityId, {
            opportunityId: opportunity.opportunityId,
            customerId: opportunity.customerId,
            pipelineId,
            fromStageId: stage.id,
            fromStageName: stage.name,
            toStageId: moveTo.id,
            toStageName: moveTo.name,
            probability: moveTo.probability,
            probabilityReason: null,
            secondsInPreviousStage: opportunity.secondsInPreviousStage,
            amount: opportunity.amount,
            currency: opportunity.currency,
            changedBy: actor.id,
            cause: 'pipeline-edited',
          }),
        ),
      );
    }
    if (becomesDefault) await makeRoomForDefault(this.pipelines, pipelineId);
    await assertSaved(await this.pipelines.save(pipeline, loadedVersion), 'pipeline', expectedVersion, () => loadedVersion);
    return { version: pipeline.version, movedOpportunities };
  }
}
