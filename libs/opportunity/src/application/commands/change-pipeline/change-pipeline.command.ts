import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { StageInput } from '../../../domain/pipeline.js';

/**
 * A manager edits a pipeline [销售流程]: its name, whether it is the default, and its stages (the whole
 * new list: existing stages by id, new ones without). Removed stages must be empty, or `moveTo` says
 * where their open opportunities go.
 */
export class ChangePipelineCommand extends Command<{ version: number; movedOpportunities: number }> {
  constructor(
    readonly actor: Actor,
    readonly pipelineId: string,
    readonly changes: { name?: string; isDefault?: boolean; stages?: StageInput[]; moveTo?: Record<string, string> },
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
