import { DomainError } from '@crm/kernel';
import { Opportunity, type OpenInput } from './opportunity.aggregate.js';
import { Pipeline } from './pipeline.js';
import { defaultStages, sequentialIds } from './testing/stages.js';

const opened = new Date('2026-11-02T09:00:00Z');
const later = (seconds: number) => new Date(opened.getTime() + seconds * 1000);
const pipeline = Pipeline.create({ id: 'p', name: '新业务', isDefault: true, stages: defaultStages() }, sequentialIds());
const stageId = (name: string) => pipeline.snapshot().stages.find((stage) => stage.name === name)!.id;
const lossReason = { id: 'lr-1', name: '价格过高' };

function baseInput(): OpenInput {
  return {
    id: 'o-1',
    customerId: 'c-1',
    name: '年度采购',
    type: 'new',
    previousOpportunityId: null,
    previous: undefined,
    pipeline,
    amount: null,
    currency: 'CNY',
    amountFollowsLines: false,
    expectedCloseDate: null,
    source: { kind: 'manual', leadId: null },
    ownerId: 'owner',
    contactIds: [],
    lines: [],
    competitors: [],
    createdBy: 'owner',
    now: opened,
    newId: sequentialIds('h'),
  };
}

function open(overrides: Partial<OpenInput> = {}): Opportunity {
  const opportunity = Opportunity.open({ ...baseInput(), ...overrides });
  opportunity.pullEvents();
  return opportunity;
}

/** An opportunity with everything the default pipeline's stages ask for. */
const complete = () =>
  open({
    amountFollowsLines: true,
    lines: [{ productId: 'p-1', productLineId: 'l-1', quantity: '2', unitPrice: '1000', discountPercent: '5' }],
    expectedCloseDate: '2026-12-31',
    contactIds: ['kp'],
  });

function failure(action: () => unknown): { code: string; details?: Record<string, unknown> } | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, details: error.details };
    throw error;
  }
  return undefined;
}

const move = (opportunity: Opportunity, to: string, extra: Record<string, unknown> = {}, seconds = 60) =>
  opportunity.changeStage({ pipeline, toStageId: stageId(to), by: 'owner', now: later(seconds), newId: sequentialIds('m'), ...extra });

describe('Opportunity [商机]', () => {
  it('opens in the first stage, with a first history entry and its event', () => {
    const opportunity = Opportunity.open(baseInput());
    expect(opportunity.snapshot()).toMatchObject({ stageId: stageId('初步接洽'), status: 'open', stageEnteredAt: opened, version: 1 });
    expect(opportunity.records().stageChanges).toEqual([
      expect.objectContaining({ fromStageId: null, toStageName: '初步接洽', probability: 10, cause: 'created' }),
    ]);
    expect(opportunity.pullEvents().map((event) => event.type)).toEqual(['opportunity.created.v1']);
  });

  it('the amount follows the lines exactly, per line rounded half up to the cent', () => {
    const opportunity = open({
      amountFollowsLines: true,
      lines: [
        { productId: 'a', productLineId: 'l', quantity: '1', unitPrice: '33.33', discountPercent: '0' },
        { productId: 'b', productLineId: 'l', quantity: '1', unitPrice: '33.33', discountPercent: '0' },
        { productId: 'c', productLineId: 'l', quantity: '1', unitPrice: '33.33', discountPercent: '0' },
      ],
    });
    expect(opportunity.snapshot().amount).toBe('99.99');
    opportunity.edit(
      {
        lines: [
          { productId: 'a', productLineId: 'l', quantity: '1', unitPrice: '0.1', discountPercent: '0' },
          { productId: 'b', productLineId: 'l', quantity: '1', unitPrice: '0.2', discountPercent: '0' },
        ],
      },
      'owner',
    );
    expect(opportunity.snapshot().amount).toBe('0.30');
    expect(opportunity.snapshot().lines.map((line) => line.amount)).toEqual(['0.10', '0.20']);
    expect(failure(() => opportunity.edit({ amount: '1.00' }, 'owner'))?.code).toBe('OPPORTUNITY.AMOUNT_FOLLOWS_LINES');
    expect(complete().snapshot().amount).toBe('1900.00');
  });

  it('refuses to enter a stage whose required fields are missing, naming them', () => {
    const opportunity = open({ amount: '100' });
    expect(failure(() => move(opportunity, '商务谈判'))).toEqual({
      code: 'OPPORTUNITY.STAGE_REQUIREMENTS_MISSING',
      details: { stageId: stageId('商务谈判'), missingFields: ['expectedCloseDate', 'products', 'contacts'] },
    });
    expect(opportunity.version).toBe(1);
    expect(opportunity.pullEvents()).toEqual([]);
  });

  it('moves forward with history (time in the previous stage) and the probability of the new stage', () => {
    const opportunity = complete();
    move(opportunity, '需求确认', {}, 90);
    move(opportunity, '商务谈判', {}, 90 + 3600);
    expect(opportunity.snapshot()).toMatchObject({ stageId: stageId('商务谈判'), stageEnteredAt: later(3690), version: 3 });
    expect(opportunity.records().stageChanges.slice(1)).toEqual([
      expect.objectContaining({ fromStageName: '初步接洽', toStageName: '需求确认', secondsInPreviousStage: 90, probability: 30, changedBy: 'owner' }),
      expect.objectContaining({ fromStageName: '需求确认', toStageName: '商务谈判', secondsInPreviousStage: 3600, probability: 80 }),
    ]);
    expect(opportunity.pullEvents().map((event) => [event.type, (event.payload as { probability: number }).probability])).toEqual([
      ['opportunity.stage-changed.v1', 30],
      ['opportunity.stage-changed.v1', 80],
    ]);
  });

  it('moves back only from a stage that allows it', () => {
    const opportunity = complete();
    move(opportunity, '方案报价');
    move(opportunity, '需求确认');
    move(opportunity, '商务谈判');
    expect(failure(() => move(opportunity, '方案报价'))?.code).toBe('OPPORTUNITY.MOVE_BACK_NOT_ALLOWED');
    expect(failure(() => move(opportunity, '商务谈判'))?.code).toBe('OPPORTUNITY.ALREADY_IN_STAGE');
    expect(failure(() => opportunity.changeStage({ pipeline, toStageId: 'elsewhere', by: 'owner', now: later(1), newId: sequentialIds() }))?.code).toBe(
      'OPPORTUNITY.UNKNOWN_STAGE',
    );
  });

  it('the owner overrides the probability with a reason, until the next stage', () => {
    const opportunity = complete();
    expect(failure(() => move(opportunity, '方案报价', { probability: 70 }))?.code).toBe('OPPORTUNITY.PROBABILITY_REASON_REQUIRED');
    expect(failure(() => move(opportunity, '方案报价', { probability: 70, probabilityReason: '客户已口头确认', by: 'manager' }))?.code).toBe(
      'OPPORTUNITY.ONLY_OWNER_OVERRIDES_PROBABILITY',
    );
    move(opportunity, '方案报价', { probability: 70, probabilityReason: ' 客户已口头确认 ' });
    expect(opportunity.snapshot()).toMatchObject({ probabilityOverride: 70, probabilityReason: '客户已口头确认' });
    expect(opportunity.records().stageChanges.at(-1)).toMatchObject({ probability: 70, probabilityReason: '客户已口头确认' });
    move(opportunity, '商务谈判', { by: 'manager' });
    expect(opportunity.snapshot()).toMatchObject({ probabilityOverride: null, probabilityReason: null });
    expect(opportunity.records().stageChanges.at(-1)).toMatchObject({ probability: 80 });
    expect(failure(() => move(opportunity, '赢单', { probability: 90, probabilityReason: 'x' }))?.code).toBe('OPPORTUNITY.PROBABILITY_FIXED');
  });

  it('won: final, with the amount, currency and product lines in its event', () => {
    const opportunity = complete();
    move(opportunity, '赢单', {}, 86400);
    const events = opportunity.pullEvents();
    expect(events.map((event) => event.type)).toEqual(['opportunity.stage-changed.v1', 'opportunity.won.v1']);
    expect(events[1]!.payload).toEqual({
      opportunityId: 'o-1',
      customerId: 'c-1',
      ownerId: 'owner',
      name: '年度采购',
      type: 'new',
      previousOpportunityId: null,
      amount: '1900.00',
      currency: 'CNY',
      lines: [{ productId: 'p-1', productLineId: 'l-1', quantity: '2', unitPrice: '1000.00', discountPercent: '5.00', amount: '1900.00' }],
      wonAt: later(86400).toISOString(),
    });
    expect(opportunity.snapshot()).toMatchObject({ status: 'won', closedAt: later(86400) });
    expect(failure(() => move(opportunity, '输单', { lossReason }))).toEqual({
      code: 'OPPORTUNITY.CLOSED',
      details: { opportunityStatus: 'won', stageId: stageId('赢单'), stageName: '赢单', closedAt: later(86400).toISOString() },
    });
    expect(failure(() => opportunity.edit({ name: 'x' }, 'owner'))?.code).toBe('OPPORTUNITY.CLOSED');
  });

  it('lost: needs a reason, may name the competitor who won, and is final', () => {
    const opportunity = open();
    expect(failure(() => move(opportunity, '输单'))?.code).toBe('OPPORTUNITY.LOSS_REASON_REQUIRED');
    expect(failure(() => move(opportunity, '需求确认', { lossReason }))?.code).toBe('OPPORTUNITY.LOSS_DETAILS_ONLY_WHEN_LOST');
    move(opportunity, '输单', { lossReason, lostTo: ' 某某软件 ' });
    expect(opportunity.snapshot()).toMatchObject({ status: 'lost', lossReasonId: 'lr-1', lostTo: '某某软件' });
    expect(opportunity.pullEvents()[1]).toMatchObject({ type: 'opportunity.lost.v1', payload: { lossReason: '价格过高', lostTo: '某某软件' } });
    expect(failure(() => move(opportunity, '初步接洽'))?.code).toBe('OPPORTUNITY.CLOSED');
  });

  it('a renewal or upsell follows a won opportunity of the same customer', () => {
    const follow = (previous: OpenInput['previous'], type: OpenInput['type'] = 'renewal') =>
      failure(() => open({ type, previousOpportunityId: 'o-0', previous }))?.code;
    expect(follow({ customerId: 'c-1', status: 'won' })).toBeUndefined();
    expect(follow({ customerId: 'c-1', status: 'won' }, 'upsell')).toBeUndefined();
    expect(follow({ customerId: 'c-1', status: 'open' })).toBe('OPPORTUNITY.PREVIOUS_OPPORTUNITY_INVALID');
    expect(follow({ customerId: 'c-2', status: 'won' })).toBe('OPPORTUNITY.PREVIOUS_OPPORTUNITY_INVALID');
    expect(follow(undefined)).toBe('OPPORTUNITY.PREVIOUS_OPPORTUNITY_INVALID');
    expect(failure(() => open({ type: 'renewal' }))?.code).toBe('OPPORTUNITY.PREVIOUS_OPPORTUNITY_REQUIRED');
  });

  it('collaborators: access ends when it expires; the owner is not one; a transfer hands ownership over', () => {
    const opportunity = open();
    expect(failure(() => opportunity.addCollaborator({ userId: 'owner', access: 'read', expiresAt: null, by: 'owner', now: opened }))?.code).toBe(
      'OPPORTUNITY.COLLABORATOR_INVALID',
    );
    expect(failure(() => opportunity.addCollaborator({ userId: 'x', access: 'read', expiresAt: opened, by: 'owner', now: opened }))?.code).toBe(
      'OPPORTUNITY.EXPIRY_IN_PAST',
    );
    opportunity.addCollaborator({ userId: 'presales', access: 'edit', expiresAt: later(3600), by: 'owner', now: opened });
    expect(opportunity.accessOf('presales', later(3599))).toBe('edit');
    expect(opportunity.accessOf('presales', later(3600))).toBeNull();
    opportunity.transfer({ toUserId: 'presales', reason: '交接', by: 'manager', now: later(10), newId: sequentialIds('t') });
    expect(opportunity.snapshot()).toMatchObject({ ownerId: 'presales', collaborators: [] });
    expect(opportunity.accessOf('owner', later(11))).toBeNull();
    expect(failure(() => opportunity.transfer({ toUserId: 'presales', reason: 'x', by: 'manager', now: later(12), newId: sequentialIds() }))?.code).toBe(
      'OPPORTUNITY.TRANSFER_TARGET_INVALID',
    );
    expect(failure(() => opportunity.removeCollaborator('nobody', 'presales'))?.code).toBe('OPPORTUNITY.COLLABORATOR_NOT_FOUND');
  });
});
