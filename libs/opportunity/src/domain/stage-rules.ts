import type { DomainError } from '@crm/kernel';
import { isZero } from './money.js';
import { OpportunityErrors } from './opportunity.errors.js';
import type { RequirableField } from './opportunity.types.js';
import type { Pipeline, StageDefinition } from './pipeline.js';

/** What entry requirements are checked against. */
export interface RequirementFacts {
  amount: string | null;
  expectedCloseDate: string | null;
  lineCount: number;
  contactIds: readonly string[];
}

const present: Record<RequirableField, (facts: RequirementFacts) => boolean> = {
  amount: (facts) => facts.amount !== null && !isZero(facts.amount),
  expectedCloseDate: (facts) => facts.expectedCloseDate !== null,
  products: (facts) => facts.lineCount > 0,
  contacts: (facts) => facts.contactIds.length > 0,
};

/** The stage's required fields the opportunity lacks, in the stage's order. An amount of zero counts as missing. */
export function missingRequirements(stage: Pick<StageDefinition, 'requiredFields'>, facts: RequirementFacts): RequirableField[] {
  return stage.requiredFields.filter((field) => !present[field](facts));
}

/** A move between two stages of one pipeline: nothing when it may go on, else the broken rule. */
export interface Move {
  pipeline: Pipeline;
  fromStageId: string;
  to: StageDefinition;
}

export type MovePolicy = (move: Move) => DomainError | undefined;

export const notTheSameStage: MovePolicy = ({ fromStageId, to }) => (fromStageId === to.id ? OpportunityErrors.alreadyInStage() : undefined);

/** Moving back to an earlier open stage only from a stage that allows it; won and lost are never "back". */
export const backOnlyWhereAllowed: MovePolicy = ({ pipeline, fromStageId, to }) => {
  const from = pipeline.stage(fromStageId);
  if (!from || to.outcome !== 'open') return undefined;
  return pipeline.position(to.id) < pipeline.position(from.id) && !from.allowBack ? OpportunityErrors.moveBackNotAllowed(from.name) : undefined;
};

export const MOVE_POLICIES: readonly MovePolicy[] = [notTheSameStage, backOnlyWhereAllowed];
