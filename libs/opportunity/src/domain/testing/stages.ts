import type { StageInput } from '../pipeline.js';

/** The default pipeline's stages [新业务], for specs. */
export function defaultStages(overrides: Record<string, Partial<StageInput>> = {}): StageInput[] {
  const stages: StageInput[] = [
    { name: '初步接洽', probability: 10, forecastCategory: 'pipeline', requiredFields: [], allowBack: true, outcome: 'open' },
    { name: '需求确认', probability: 30, forecastCategory: 'pipeline', requiredFields: ['contacts'], allowBack: true, outcome: 'open' },
    { name: '方案报价', probability: 60, forecastCategory: 'best-case', requiredFields: ['products', 'amount'], allowBack: true, outcome: 'open' },
    {
      name: '商务谈判',
      probability: 80,
      forecastCategory: 'commit',
      requiredFields: ['amount', 'expectedCloseDate', 'products', 'contacts'],
      allowBack: false,
      outcome: 'open',
    },
    { name: '赢单', probability: 100, forecastCategory: 'closed', requiredFields: ['amount', 'products'], allowBack: false, outcome: 'won' },
    { name: '输单', probability: 0, forecastCategory: 'omitted', requiredFields: [], allowBack: false, outcome: 'lost' },
  ];
  return stages.map((stage) => ({ ...stage, ...overrides[stage.name] }));
}

/** Ids s-1, s-2… in order, for predictable stage ids. */
export function sequentialIds(prefix = 's'): () => string {
  let next = 0;
  return () => `${prefix}-${++next}`;
}
