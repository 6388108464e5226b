import { Pipeline } from './pipeline.js';
import { backOnlyWhereAllowed, missingRequirements, notTheSameStage } from './stage-rules.js';
import { defaultStages, sequentialIds } from './testing/stages.js';

const pipeline = Pipeline.create({ id: 'p', name: '新业务', isDefault: true, stages: defaultStages() }, sequentialIds());
const stage = (name: string) => pipeline.snapshot().stages.find((candidate) => candidate.name === name)!;
const bare = { amount: null, expectedCloseDate: null, lineCount: 0, contactIds: [] };

describe('stage rules', () => {
  it('lists the missing entry requirements in the stage order; a zero amount is missing', () => {
    expect(missingRequirements(stage('初步接洽'), bare)).toEqual([]);
    expect(missingRequirements(stage('商务谈判'), bare)).toEqual(['amount', 'expectedCloseDate', 'products', 'contacts']);
    expect(missingRequirements(stage('商务谈判'), { ...bare, amount: '0.00', lineCount: 1, contactIds: ['c'] })).toEqual(['amount', 'expectedCloseDate']);
    expect(missingRequirements(stage('商务谈判'), { amount: '0.01', expectedCloseDate: '2026-12-31', lineCount: 1, contactIds: ['c'] })).toEqual([]);
  });

  it('moving back only from a stage that allows it; forward, won and lost are never back', () => {
    const move = (from: string, to: string) => backOnlyWhereAllowed({ pipeline, fromStageId: stage(from).id, to: stage(to) })?.code;
    expect(move('方案报价', '初步接洽')).toBeUndefined();
    expect(move('商务谈判', '方案报价')).toBe('OPPORTUNITY.MOVE_BACK_NOT_ALLOWED');
    expect(move('商务谈判', '输单')).toBeUndefined();
    expect(move('初步接洽', '商务谈判')).toBeUndefined();
    expect(notTheSameStage({ pipeline, fromStageId: stage('需求确认').id, to: stage('需求确认') })?.code).toBe('OPPORTUNITY.ALREADY_IN_STAGE');
  });
});
