import { Opportunities, type MovedOpportunity } from '../opportunities.port.js';
import { Opportunity, type OpportunityState, type StageChange } from '../opportunity.aggregate.js';

/** Opportunities kept in memory, for handler specs: what was saved, its history, and the events each save carried. */
export class InMemoryOpportunities extends Opportunities {
  private readonly states = new Map<string, OpportunityState>();
  readonly history: StageChange[] = [];
  readonly savedEvents: { type: string; payload: object }[] = [];

  /** Puts an opportunity in place as if it had been saved before. */
  seed(opportunity: Opportunity): void {
    opportunity.pullEvents();
    this.states.set(opportunity.id, opportunity.snapshot());
  }

  get(id: string): Promise<Opportunity | undefined> {
    const state = this.states.get(id);
    return Promise.resolve(state && Opportunity.rehydrate(structuredClone(state)));
  }

  add(opportunity: Opportunity): Promise<void> {
    this.keep(opportunity);
    return Promise.resolve();
  }

  save(opportunity: Opportunity, loadedVersion: number): Promise<boolean> {
    if (this.states.get(opportunity.id)?.version !== loadedVersion) return Promise.resolve(false);
    this.keep(opportunity);
    return Promise.resolve(true);
  }

  countOpen(pipelineId: string, stageId: string): Promise<number> {
    const open = [...this.states.values()].filter((state) => state.pipelineId === pipelineId && state.stageId === stageId && state.status === 'open');
    return Promise.resolve(open.length);
  }

  moveOpen(): Promise<MovedOpportunity[]> {
    return Promise.reject(new Error('Moving opportunities out of a removed stage is set-based SQL; see the pipeline e2e spec.'));
  }

  private keep(opportunity: Opportunity): void {
    this.states.set(opportunity.id, opportunity.snapshot());
    this.history.push(...opportunity.records().stageChanges.filter((change) => !this.history.includes(change)));
    this.savedEvents.push(...opportunity.pullEvents().map(({ type, payload }) => ({ type, payload })));
  }
}
