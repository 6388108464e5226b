import { Pipeline, type PipelineState } from '../pipeline.js';
import { Pipelines, type LossReason } from '../pipelines.port.js';

/** Pipelines and loss reasons kept in memory, for handler specs. */
export class InMemoryPipelines extends Pipelines {
  private readonly states = new Map<string, PipelineState>();
  private readonly reasons = new Map<string, LossReason>();

  constructor(pipelines: Pipeline[] = [], lossReasons: LossReason[] = []) {
    super();
    for (const pipeline of pipelines) this.states.set(pipeline.id, pipeline.snapshot());
    for (const reason of lossReasons) this.reasons.set(reason.id, reason);
  }

  get(id: string): Promise<Pipeline | undefined> {
    const state = this.states.get(id);
    return Promise.resolve(state && Pipeline.rehydrate(structuredClone(state)));
  }

  getDefault(): Promise<Pipeline | undefined> {
    const state = [...this.states.values()].find((candidate) => candidate.isDefault);
    return Promise.resolve(state && Pipeline.rehydrate(structuredClone(state)));
  }

  add(pipeline: Pipeline): Promise<boolean> {
    if ([...this.states.values()].some((state) => state.name.toLowerCase() === pipeline.snapshot().name.toLowerCase())) return Promise.resolve(false);
    this.states.set(pipeline.id, pipeline.snapshot());
    return Promise.resolve(true);
  }

  save(pipeline: Pipeline, loadedVersion: number): Promise<boolean> {
    if (this.states.get(pipeline.id)?.version !== loadedVersion) return Promise.resolve(false);
    this.states.set(pipeline.id, pipeline.snapshot());
    return Promise.resolve(true);
  }

  nameTaken(name: string, exceptId?: string): Promise<boolean> {
    return Promise.resolve([...this.states.values()].some((state) => state.id !== exceptId && state.name.toLowerCase() === name.trim().toLowerCase()));
  }

  lossReason(id: string): Promise<LossReason | undefined> {
    return Promise.resolve(this.reasons.get(id));
  }

  addLossReason(reason: LossReason): Promise<boolean> {
    if ([...this.reasons.values()].some((existing) => existing.name === reason.name)) return Promise.resolve(false);
    this.reasons.set(reason.id, reason);
    return Promise.resolve(true);
  }
}
