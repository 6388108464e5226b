import { DomainError } from '@crm/kernel';
import { Pipeline } from './pipeline.js';
import { defaultStages, sequentialIds } from './testing/stages.js';

function codeAndDetail(action: () => unknown): [string, string] | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return [error.code, error.message];
    throw error;
  }
  return undefined;
}

const create = (stages = defaultStages()) => Pipeline.create({ id: 'p-1', name: ' 新业务 ', isDefault: true, stages }, sequentialIds());

describe('Pipeline [销售流程]', () => {
  it('is an ordered list of open stages, then one won and one lost stage', () => {
    const pipeline = create();
    expect(pipeline.snapshot()).toMatchObject({ name: '新业务', isDefault: true, version: 1 });
    expect(pipeline.snapshot().stages.map((stage) => [stage.id, stage.name, stage.outcome])).toEqual([
      ['s-1', '初步接洽', 'open'],
      ['s-2', '需求确认', 'open'],
      ['s-3', '方案报价', 'open'],
      ['s-4', '商务谈判', 'open'],
      ['s-5', '赢单', 'won'],
      ['s-6', '输单', 'lost'],
    ]);
    expect(pipeline.firstStage().name).toBe('初步接洽');
    expect(pipeline.pullEvents().map((event) => event.type)).toEqual(['opportunity.pipeline-configured.v1']);
  });

  it.each([
    ['no won stage', defaultStages().filter((stage) => stage.outcome !== 'won')],
    ['two lost stages', [...defaultStages(), { ...defaultStages()[5]!, name: '放弃' }]],
    ['no open stage', defaultStages().filter((stage) => stage.outcome !== 'open')],
    ['an open stage after the won one', [...defaultStages().slice(0, 5), defaultStages()[0]!, defaultStages()[5]!].map((s, i) => ({ ...s, name: `${i}` }))],
    ['a won stage below 100%', defaultStages({ 赢单: { probability: 90 } })],
    ['a lost stage in a forecast', defaultStages({ 输单: { forecastCategory: 'pipeline' } })],
    ['an open stage counted as closed', defaultStages({ 方案报价: { forecastCategory: 'closed' } })],
    ['a probability that is not a whole percent', defaultStages({ 方案报价: { probability: 60.5 } })],
    ['a name twice', defaultStages({ 需求确认: { name: '初步接洽' } })],
    ['a required field twice', defaultStages({ 方案报价: { requiredFields: ['amount', 'amount'] } })],
  ])('refuses %s', (_, stages) => {
    expect(codeAndDetail(() => create(stages))?.[0]).toBe('OPPORTUNITY.INVALID_PIPELINE');
  });

  it('renames, re-weights, reorders and adds stages in place, keeping their ids', () => {
    const pipeline = create();
    pipeline.pullEvents();
    const [first, second, third, fourth, won, lost] = pipeline.snapshot().stages;
    const removed = pipeline.edit(
      {
        stages: [
          { ...first!, name: '初次拜访' },
          { ...third!, probability: 50 },
          { ...second! },
          { name: '技术交流', probability: 40, forecastCategory: 'pipeline', requiredFields: [], allowBack: true, outcome: 'open' },
          fourth!,
          won!,
          lost!,
        ],
      },
      sequentialIds('new'),
    );
    expect(removed).toEqual([]);
    expect(pipeline.snapshot().stages.map((stage) => [stage.id, stage.name, stage.probability])).toEqual([
      ['s-1', '初次拜访', 10],
      ['s-3', '方案报价', 50],
      ['s-2', '需求确认', 30],
      ['new-1', '技术交流', 40],
      ['s-4', '商务谈判', 80],
      ['s-5', '赢单', 100],
      ['s-6', '输单', 0],
    ]);
    expect(pipeline.version).toBe(2);
    expect(pipeline.pullEvents()).toEqual([expect.objectContaining({ payload: expect.objectContaining({ pipelineVersion: 2, removedStages: [] }) })]);
  });

  it('removes an open stage with or without a stage to move its opportunities to; won and lost stay and keep their outcome', () => {
    const pipeline = create();
    const [first, second, third, fourth, won, lost] = pipeline.snapshot().stages;
    expect(
      codeAndDetail(() =>
        pipeline.edit({ stages: [first!, second!, third!, fourth!, { ...lost!, id: undefined }, { ...lost!, name: 'x' }] }, sequentialIds()),
      )?.[0],
    ).toBe('OPPORTUNITY.INVALID_PIPELINE');
    expect(
      codeAndDetail(() =>
        pipeline.edit({ stages: [first!, second!, third!, fourth!, { ...won!, outcome: 'lost' }, { ...lost!, outcome: 'won' }] }, sequentialIds()),
      ),
    ).toEqual(['OPPORTUNITY.INVALID_PIPELINE', expect.stringContaining('stays won')]);
    expect(codeAndDetail(() => pipeline.edit({ stages: [first!, third!, fourth!, won!, lost!], moveTo: { [second!.id]: won!.id } }, sequentialIds()))).toEqual([
      'OPPORTUNITY.INVALID_PIPELINE',
      expect.stringContaining('moveTo'),
    ]);
    expect(codeAndDetail(() => pipeline.edit({ moveTo: { [second!.id]: third!.id } }, sequentialIds()))?.[1]).toContain('not removed');
    const removed = pipeline.edit({ stages: [first!, third!, fourth!, won!, lost!], moveTo: { [second!.id]: third!.id } }, sequentialIds());
    expect(removed).toEqual([{ stage: second, moveTo: third }]);
    expect(pipeline.edit({ stages: [third!, fourth!, won!, lost!] }, sequentialIds())).toEqual([{ stage: first, moveTo: null }]);
  });

  it('the default pipeline stays the default until another one takes over', () => {
    const pipeline = create();
    expect(codeAndDetail(() => pipeline.edit({ isDefault: false }, sequentialIds()))?.[0]).toBe('OPPORTUNITY.DEFAULT_PIPELINE_REQUIRED');
    pipeline.stopBeingDefault();
    expect(pipeline.snapshot()).toMatchObject({ isDefault: false, version: 2 });
    expect(pipeline.edit({ name: '新业务' }, sequentialIds())).toEqual([]);
    expect(pipeline.version).toBe(2);
  });
});
