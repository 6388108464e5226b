import { AggregateRoot } from '@crm/kernel';
import { OpportunityEvents, type PipelineStageV1 } from '../contracts/events.js';
import { OpportunityErrors } from './opportunity.errors.js';
import { FORECAST_CATEGORIES, REQUIRABLE_FIELDS, type ForecastCategory, type RequirableField, type StageOutcome } from './opportunity.types.js';

/** A stage [销售阶段] of a pipeline: its default win probability, forecast category, entry requirements, and whether one may move back from it. */
export interface StageDefinition {
  id: string;
  name: string;
  /** Default win probability [赢率], a whole percent. */
  probability: number;
  forecastCategory: ForecastCategory;
  /** Fields an opportunity must have to enter the stage. */
  requiredFields: RequirableField[];
  /** Whether an opportunity in this stage may move back to an earlier open stage. */
  allowBack: boolean;
  outcome: StageOutcome;
}

/** A stage as submitted: existing stages keep their id, new ones have none. */
export type StageInput = Omit<StageDefinition, 'id'> & { id?: string };

export interface PipelineState {
  id: string;
  name: string;
  isDefault: boolean;
  /** In order: open stages, then the won and the lost stage. */
  stages: StageDefinition[];
  version: number;
}

/** What an edit took out: each removed stage, and the stage its open opportunities move to (when it had some). */
export interface RemovedStage {
  stage: StageDefinition;
  moveTo: StageDefinition | null;
}

const MAX_STAGES = 20;

/** The one check of a stage list; returns the stages as stored (trimmed names, terminal stages never move back). */
function checkedStages(stages: readonly StageDefinition[]): StageDefinition[] {
  const invalid = (detail: string) => OpportunityErrors.invalidPipeline(detail);
  if (stages.length < 3 || stages.length > MAX_STAGES) throw invalid(`A pipeline has 3 to ${MAX_STAGES} stages: at least one open stage, one won, one lost.`);
  const names = new Set<string>();
  const ids = new Set<string>();
  let terminalSeen = false;
  for (const stage of stages) {
    const name = stage.name.trim();
    if (!name) throw invalid('Every stage needs a name.');
    if (names.has(name.toLowerCase())) throw invalid(`Stage name ${name} appears twice.`);
    names.add(name.toLowerCase());
    if (ids.has(stage.id)) throw invalid(`Stage ${stage.id} appears twice.`);
    ids.add(stage.id);
    if (!Number.isInteger(stage.probability) || stage.probability < 0 || stage.probability > 100)
      throw invalid(`Stage ${name}: probability is a whole percent 0..100.`);
    if (!FORECAST_CATEGORIES.includes(stage.forecastCategory)) throw invalid(`Stage ${name}: unknown forecast category.`);
    if (new Set(stage.requiredFields).size !== stage.requiredFields.length || stage.requiredFields.some((field) => !REQUIRABLE_FIELDS.includes(field))) {
      throw invalid(`Stage ${name}: required fields are distinct values of ${REQUIRABLE_FIELDS.join(', ')}.`);
    }
    if (stage.outcome === 'open') {
      if (terminalSeen) throw invalid('Open stages come before the won and lost stages.');
      if (stage.forecastCategory === 'closed') throw invalid(`Stage ${name}: only the won stage is in forecast category closed.`);
    } else {
      terminalSeen = true;
    }
    if (stage.outcome === 'won' && (stage.probability !== 100 || stage.forecastCategory !== 'closed')) {
      throw invalid(`The won stage ${name} has probability 100 and forecast category closed.`);
    }
    if (stage.outcome === 'lost' && (stage.probability !== 0 || stage.forecastCategory !== 'omitted')) {
      throw invalid(`The lost stage ${name} has probability 0 and forecast category omitted.`);
    }
  }
  const count = (outcome: StageOutcome) => stages.filter((stage) => stage.outcome === outcome).length;
  if (count('won') !== 1 || count('lost') !== 1 || count('open') < 1)
    throw invalid('A pipeline has open stages, exactly one won stage and exactly one lost stage.');
  return stages.map((stage) => ({
    ...stage,
    name: stage.name.trim(),
    requiredFields: [...stage.requiredFields],
    allowBack: stage.outcome === 'open' && stage.allowBack,
  }));
}

/**
 * A pipeline [销售流程]: an ordered list of stages, configured by managers as data. Opportunities
 * keep working when it is edited: stages are renamed, re-weighted and reordered in place; a stage is
 * removed only when no open opportunity is in it, or with a stage to move them to.
 */
export class Pipeline extends AggregateRoot {
  private constructor(private state: PipelineState) {
    super();
  }

  static create(input: { id: string; name: string; isDefault: boolean; stages: readonly StageInput[] }, newId: () => string): Pipeline {
    const name = input.name.trim();
    if (!name) throw OpportunityErrors.invalidPipeline('A pipeline needs a name.');
    const stages = checkedStages(input.stages.map((stage) => ({ ...stage, id: newId() })));
    const pipeline = new Pipeline({ id: input.id, name, isDefault: input.isDefault, stages, version: 1 });
    pipeline.announce([]);
    return pipeline;
  }

  static rehydrate(state: PipelineState): Pipeline {
    return new Pipeline(state);
  }

  get id(): string {
    return this.state.id;
  }

  get version(): number {
    return this.state.version;
  }

  get isDefault(): boolean {
    return this.state.isDefault;
  }

  snapshot(): PipelineState {
    return structuredClone(this.state);
  }

  stage(id: string): StageDefinition | undefined {
    return this.state.stages.find((stage) => stage.id === id);
  }

  /** Where a stage stands in the order (-1 when it is not in the pipeline). */
  position(id: string): number {
    return this.state.stages.findIndex((stage) => stage.id === id);
  }

  /** New opportunities start in the first stage. */
  firstStage(): StageDefinition {
    return this.state.stages[0]!;
  }

  /**
   * Renames, re-weights, reorders, adds and removes stages (`stages` is the whole new list: existing
   * stages by id, new ones without), changes the name, or makes it the default. Which stage is won
   * or lost never changes, and both stay. `moveTo` maps each removed stage to an open stage of the
   * new list; whether a removed stage without one is empty is for the caller to check.
   */
  edit(
    changes: { name?: string; isDefault?: boolean; stages?: readonly StageInput[]; moveTo?: Readonly<Record<string, string>> },
    newId: () => string,
  ): RemovedStage[] {
    const invalid = (detail: string) => OpportunityErrors.invalidPipeline(detail);
    if (changes.isDefault === false && this.state.isDefault) throw OpportunityErrors.defaultPipelineRequired();
    const name = changes.name?.trim() ?? this.state.name;
    if (!name) throw invalid('A pipeline needs a name.');
    const moveTo = changes.moveTo ?? {};
    let stages = this.state.stages;
    let removed: RemovedStage[] = [];
    if (changes.stages) {
      const current = new Map(this.state.stages.map((stage) => [stage.id, stage]));
      stages = checkedStages(
        changes.stages.map((stage) => {
          if (stage.id === undefined) return { ...stage, id: newId() };
          const existing = current.get(stage.id);
          if (!existing) throw invalid(`Stage ${stage.id} is not in this pipeline.`);
          if (existing.outcome !== stage.outcome) throw invalid(`Stage ${existing.name} stays ${existing.outcome}: add a new stage instead.`);
          return { ...stage, id: stage.id };
        }),
      );
      const kept = new Set(stages.map((stage) => stage.id));
      removed = this.state.stages
        .filter((stage) => !kept.has(stage.id))
        .map((stage) => {
          if (stage.outcome !== 'open') throw invalid(`The ${stage.outcome} stage cannot be removed; rename it instead.`);
          const targetId = moveTo[stage.id];
          const target = targetId === undefined ? null : stages.find((candidate) => candidate.id === targetId);
          if (target === undefined || (target && target.outcome !== 'open')) throw invalid(`moveTo for ${stage.name} must be an open stage of the new list.`);
          return { stage, moveTo: target };
        });
    }
    const unknownMoves = Object.keys(moveTo).filter((id) => !removed.some((entry) => entry.stage.id === id));
    if (unknownMoves.length > 0) throw invalid(`moveTo names stages that are not removed: ${unknownMoves.join(', ')}.`);
    const changed =
      name !== this.state.name || (changes.isDefault === true && !this.state.isDefault) || JSON.stringify(stages) !== JSON.stringify(this.state.stages);
    if (!changed) return [];
    this.state = { ...this.state, name, isDefault: this.state.isDefault || changes.isDefault === true, stages, version: this.state.version + 1 };
    this.announce(removed);
    return removed;
  }

  /** Another pipeline became the default. */
  stopBeingDefault(): void {
    if (!this.state.isDefault) return;
    this.state = { ...this.state, isDefault: false, version: this.state.version + 1 };
    this.announce([]);
  }

  private announce(removed: readonly RemovedStage[]): void {
    this.raise(
      OpportunityEvents.pipelineConfigured.create(this.state.id, {
        pipelineId: this.state.id,
        name: this.state.name,
        isDefault: this.state.isDefault,
        stages: this.state.stages.map(stageFacts),
        removedStages: removed.map(({ stage, moveTo }) => ({ stageId: stage.id, name: stage.name, movedToStageId: moveTo?.id ?? null })),
        pipelineVersion: this.state.version,
      }),
    );
  }
}

function stageFacts(stage: StageDefinition): PipelineStageV1 {
  return {
    stageId: stage.id,
    name: stage.name,
    probability: stage.probability,
    forecastCategory: stage.forecastCategory,
    requiredFields: [...stage.requiredFields],
    allowBack: stage.allowBack,
    outcome: stage.outcome,
  };
}
