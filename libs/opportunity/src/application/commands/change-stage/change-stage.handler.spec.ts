import { DomainError } from '@crm/kernel';
import type { Actor } from '@crm/platform';
import { Opportunity } from '../../../domain/opportunity.aggregate.js';
import { Pipeline } from '../../../domain/pipeline.js';
import { InMemoryOpportunities } from '../../../domain/testing/in-memory-opportunities.js';
import { InMemoryPipelines } from '../../../domain/testing/in-memory-pipelines.js';
import { defaultStages, sequentialIds } from '../../../domain/testing/stages.js';
import { ChangeStageCommand } from './change-stage.command.js';
import { ChangeStageHandler } from './change-stage.handler.js';

const pipeline = Pipeline.create({ id: 'p', name: '新业务', isDefault: true, stages: defaultStages() }, sequentialIds());
const stageId = (name: string) => pipeline.snapshot().stages.find((stage) => stage.name === name)!.id;

function actor(id: string, overrides: Partial<Actor> = {}): Actor {
  return {
    id,
    username: id,
    displayName: id,
    roles: ['sales-rep'],
    permissions: ['opportunity:read', 'opportunity:update'],
    dataScope: 'own',
    departmentId: null,
    teamId: null,
    visibleOwnerIds: null,
    ...overrides,
  };
}

async function codeOf(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
}

function setUp() {
  const opportunities = new InMemoryOpportunities();
  const opportunity = Opportunity.open({
    id: 'o-1',
    customerId: 'c-1',
    name: '年度采购',
    type: 'new',
    previousOpportunityId: null,
    previous: undefined,
    pipeline,
    amount: '1000',
    currency: 'CNY',
    amountFollowsLines: false,
    expectedCloseDate: null,
    source: { kind: 'manual', leadId: null },
    ownerId: 'rep',
    contactIds: ['kp'],
    lines: [],
    competitors: [],
    createdBy: 'rep',
    now: new Date(),
    newId: sequentialIds('h'),
  });
  opportunity.addCollaborator({ userId: 'reader', access: 'read', expiresAt: null, by: 'rep', now: new Date() });
  opportunities.seed(opportunity);
  const handler = new ChangeStageHandler(opportunities, new InMemoryPipelines([pipeline], [{ id: 'lr', name: '价格过高' }]));
  return { opportunities, handler };
}

describe('changing stages (handler on in-memory repositories)', () => {
  it('saves the move; a second move from the same version is a 412 naming the current one', async () => {
    const { opportunities, handler } = setUp();
    expect(await handler.execute(new ChangeStageCommand(actor('rep'), 'o-1', { toStageId: stageId('需求确认') }, 2))).toEqual({ version: 3 });
    const stale = await handler
      .execute(new ChangeStageCommand(actor('rep'), 'o-1', { toStageId: stageId('输单'), lossReasonId: 'lr' }, 2))
      .catch((e: unknown) => e);
    expect(stale).toMatchObject({ code: 'PRECONDITION_FAILED', details: { currentETag: '"3"' } });
    expect(opportunities.history.map((change) => change.toStageName)).toEqual(['需求确认']);
    expect(opportunities.savedEvents.map((event) => event.type)).toEqual(['opportunity.stage-changed.v1']);
  });

  it('who may move it: the owner, not a read-only collaborator; others do not see it', async () => {
    const { handler } = setUp();
    const move = (who: Actor) => handler.execute(new ChangeStageCommand(who, 'o-1', { toStageId: stageId('需求确认') }));
    expect(await codeOf(move(actor('reader')))).toBe('OPPORTUNITY.READ_ONLY');
    expect(await codeOf(move(actor('other-rep')))).toBe('OPPORTUNITY.NOT_FOUND');
    expect(await codeOf(move(actor('manager', { dataScope: 'department', visibleOwnerIds: ['manager', 'rep'] })))).toBeUndefined();
  });

  it('a lost move needs a loss reason from the list', async () => {
    const { handler } = setUp();
    const lose = (lossReasonId?: string) => handler.execute(new ChangeStageCommand(actor('rep'), 'o-1', { toStageId: stageId('输单'), lossReasonId }));
    expect(await codeOf(lose())).toBe('OPPORTUNITY.LOSS_REASON_REQUIRED');
    expect(await codeOf(lose('unknown'))).toBe('OPPORTUNITY.UNKNOWN_LOSS_REASON');
    expect(await codeOf(lose('lr'))).toBeUndefined();
  });
});
