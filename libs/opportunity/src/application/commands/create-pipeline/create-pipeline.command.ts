import { Command } from '@nestjs/cqrs';
import type { StageInput } from '../../../domain/pipeline.js';

/** A manager defines a pipeline [销售流程]: open stages in order, then one won and one lost stage. */
export class CreatePipelineCommand extends Command<{ id: string }> {
  constructor(readonly input: { name: string; isDefault: boolean; stages: Omit<StageInput, 'id'>[] }) {
    super();
  }
}
