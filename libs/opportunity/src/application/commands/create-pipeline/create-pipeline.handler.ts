import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertSaved } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { OpportunityErrors } from '../../../domain/opportunity.errors.js';
import { Pipeline } from '../../../domain/pipeline.js';
import { Pipelines } from '../../../domain/pipelines.port.js';
import { CreatePipelineCommand } from './create-pipeline.command.js';

@CommandHandler(CreatePipelineCommand)
export class CreatePipelineHandler implements ICommandHandler<CreatePipelineCommand> {
  constructor(private readonly pipelines: Pipelines) {}

  async execute({ input }: CreatePipelineCommand): Promise<{ id: string }> {
    const pipeline = Pipeline.create({ id: uuidv7(), ...input }, uuidv7);
    if (await this.pipelines.nameTaken(input.name)) throw OpportunityErrors.pipelineNameTaken(input.name.trim());
    if (pipeline.isDefault) await makeRoomForDefault(this.pipelines, pipeline.id);
    if (!(await this.pipelines.add(pipeline))) throw OpportunityErrors.pipelineNameTaken(input.name.trim());
    return { id: pipeline.id };
  }
}

/** One pipeline is the default: the one that was stops being it, in the same transaction. */
export async function makeRoomForDefault(pipelines: Pipelines, newDefaultId: string): Promise<void> {
  const previous = await pipelines.getDefault({ lock: 'update' });
  if (!previous || previous.id === newDefaultId) return;
  const loadedVersion = previous.version;
  previous.stopBeingDefault();
  await assertSaved(await pipelines.save(previous, loadedVersion), 'pipeline', undefined, () => undefined);
}
