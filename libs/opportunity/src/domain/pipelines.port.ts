import type { Pipeline } from './pipeline.js';

export interface LossReason {
  id: string;
  name: string;
}

/**
 * Pipelines [销售流程] and loss reasons [输单原因]: the sales process configuration. Loading a
 * pipeline with `share` keeps it from being edited until the transaction ends (an opportunity
 * cannot enter a stage while it is being removed); `update` is for editing it.
 */
export abstract class Pipelines {
  abstract get(id: string, options?: { lock?: 'share' | 'update' }): Promise<Pipeline | undefined>;
  abstract getDefault(options?: { lock?: 'share' | 'update' }): Promise<Pipeline | undefined>;
  /** Stores a new pipeline; false when the name is taken. */
  abstract add(pipeline: Pipeline): Promise<boolean>;
  /** Writes the pipeline if it is still at `loadedVersion`; false otherwise. */
  abstract save(pipeline: Pipeline, loadedVersion: number): Promise<boolean>;
  /** Whether another pipeline has this name. */
  abstract nameTaken(name: string, exceptId?: string): Promise<boolean>;
  /** An active loss reason. */
  abstract lossReason(id: string): Promise<LossReason | undefined>;
  /** Adds a loss reason; false when one with that name exists. */
  abstract addLossReason(reason: LossReason, createdAt: Date): Promise<boolean>;
}
