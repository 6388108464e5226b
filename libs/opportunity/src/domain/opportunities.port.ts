import type { Opportunity } from './opportunity.aggregate.js';
import type { StageDefinition } from './pipeline.js';

/** An open opportunity moved out of a removed stage by a pipeline edit. */
export interface MovedOpportunity {
  opportunityId: string;
  customerId: string;
  secondsInPreviousStage: number;
  amount: string | null;
  currency: string;
}

/** Where Opportunity aggregates live; a SQL implementation in infrastructure, an in-memory one for handler specs. */
export abstract class Opportunities {
  /** Loads an opportunity. `share` holds it until the transaction ends, so it cannot close while records are added to it. */
  abstract get(id: string, options?: { lock?: 'share' }): Promise<Opportunity | undefined>;
  /** Stores a new opportunity and hands its events to the unit of work. */
  abstract add(opportunity: Opportunity): Promise<void>;
  /** Writes what changed since `loadedVersion` and the new records; false when someone saved another version in between. */
  abstract save(opportunity: Opportunity, loadedVersion: number): Promise<boolean>;
  /** How many open opportunities are in a stage. */
  abstract countOpen(pipelineId: string, stageId: string): Promise<number>;
  /** Moves every open opportunity of a removed stage to another (set-based), with its stage history entry. */
  abstract moveOpen(input: { pipelineId: string; from: StageDefinition; to: StageDefinition; by: string; now: Date }): Promise<MovedOpportunity[]>;
}
