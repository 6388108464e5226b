import { randomUUID } from 'node:crypto';
import { TestApp, type TestUser } from '../support/test-app.js';
import {
  catalogProducts,
  changeStage,
  createOpportunity,
  defaultStages,
  eventsOf,
  getOpportunity,
  customerContact,
  heldCustomer,
} from './opportunity-fixtures.js';

const PRICE_TOO_HIGH = '00000000-0000-7000-8000-00000000b100';

/** OPP-2: stages with win probability, entry requirements, history; won and lost are final. */
describe('Moving opportunities through their stages', () => {
  let api: TestApp;
  let admin: TestUser;
  let manager: TestUser;
  let rep: TestUser;
  let stages: Awaited<ReturnType<typeof defaultStages>>;
  let products: string[];

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    const team = await api.team();
    rep = await api.user(['sales-rep'], team);
    manager = await api.user(['sales-manager'], { departmentId: team.departmentId });
    stages = await defaultStages(api, rep);
    products = await catalogProducts(api, admin, 2);
  });
  afterAll(() => api.close());

  it('checks entry requirements, keeps the history, and lets the owner override the probability with a reason', async () => {
    const customerId = await heldCustomer(api, rep);
    const { body: created } = await createOpportunity(api, rep, { customerId }).expect(201);
    const id = created.id as string;

    const refused = await changeStage(api, rep, id, { toStageId: stages['商务谈判']!.id }, '"1"').expect(422);
    expect(refused.body).toMatchObject({
      code: 'OPPORTUNITY.STAGE_REQUIREMENTS_MISSING',
      stageId: stages['商务谈判']!.id,
      missingFields: ['amount', 'expectedCloseDate', 'products', 'contacts'],
    });
    await api.http
      .patch(`/api/v1/opportunities/${id}`)
      .set('Authorization', rep.auth)
      .send({
        amountFollowsLines: true,
        products: [{ productId: products[0], quantity: '10', unitPrice: '2999.90', discountPercent: '15' }],
        expectedCloseDate: '2026-12-20',
        contactIds: [await customerContact(api, rep, customerId)],
      })
      .expect(200);
    const moved = await changeStage(api, rep, id, { toStageId: stages['方案报价']!.id, probability: 70, probabilityReason: '客户已确认预算' }, '"2"').expect(
      200,
    );
    expect(moved.headers.etag).toBe('"3"');
    expect(moved.body).toMatchObject({
      stage: { id: stages['方案报价']!.id, name: '方案报价', forecastCategory: 'best-case' },
      probability: 70,
      probabilityOverridden: true,
      probabilityReason: '客户已确认预算',
      amount: '25499.15',
    });
    const negotiating = await changeStage(api, manager, id, { toStageId: stages['商务谈判']!.id }).expect(200);
    expect(negotiating.body).toMatchObject({ probability: 80, probabilityOverridden: false, status: 'open' });
    // Only the owner overrides; a manager moves it along at the stage's probability.
    const notOwner = await changeStage(api, manager, id, { toStageId: stages['方案报价']!.id, probability: 50, probabilityReason: '经理判断' }).expect(403);
    expect(notOwner.body.code).toBe('OPPORTUNITY.ONLY_OWNER_OVERRIDES_PROBABILITY');
    expect((await changeStage(api, rep, id, { toStageId: stages['商务谈判']!.id }).expect(409)).body.code).toBe('OPPORTUNITY.ALREADY_IN_STAGE');
    expect((await changeStage(api, rep, id, { toStageId: randomUUID() }).expect(422)).body.code).toBe('OPPORTUNITY.UNKNOWN_STAGE');

    const history = await api.http.get(`/api/v1/opportunities/${id}/stage-changes`).set('Authorization', rep.auth).expect(200);
    expect(
      history.body.items.map((entry: { fromStage: { name: string } | null; toStage: { name: string } }) => [entry.fromStage?.name ?? null, entry.toStage.name]),
    ).toEqual([
      [null, '初步接洽'],
      ['初步接洽', '方案报价'],
      ['方案报价', '商务谈判'],
    ]);
    expect(history.body.items[1]).toMatchObject({
      probability: 70,
      probabilityReason: '客户已确认预算',
      changedBy: rep.id,
      cause: 'manual',
      amount: '25499.15',
    });
    expect(history.body.items[2]).toMatchObject({ probability: 80, changedBy: manager.id, secondsInPreviousStage: expect.any(Number) });
    // Time spent in a stage is measured: put the opportunity's entry back an hour, then move back (the default stages allow it).
    await api.tx.query(`UPDATE opportunity.opportunities SET stage_entered_at = stage_entered_at - interval '1 hour' WHERE id = $1`, [id]);
    await changeStage(api, rep, id, { toStageId: stages['需求确认']!.id }).expect(200);
    const [last] = (
      await api.http
        .get(`/api/v1/opportunities/${id}/stage-changes`)
        .query({ cursor: history.body.nextCursor ?? undefined })
        .set('Authorization', rep.auth)
        .expect(200)
    ).body.items.slice(-1);
    expect(last).toMatchObject({ fromStage: { name: '商务谈判' }, toStage: { name: '需求确认' }, probability: 30 });
    expect(last.secondsInPreviousStage).toBeGreaterThanOrEqual(3600);
    expect(last.secondsInPreviousStage).toBeLessThan(3700);
  });

  it('moving back is refused from a stage that forbids it', async () => {
    const pipeline = await api.http
      .post('/api/v1/pipelines')
      .set('Authorization', manager.auth)
      .send({
        name: '招投标流程',
        stages: [
          { name: '报名', probability: 20, forecastCategory: 'pipeline', requiredFields: [], allowBack: true, outcome: 'open' },
          { name: '开标', probability: 70, forecastCategory: 'commit', requiredFields: [], allowBack: false, outcome: 'open' },
          { name: '中标', probability: 100, forecastCategory: 'closed', requiredFields: [], allowBack: false, outcome: 'won' },
          { name: '未中标', probability: 0, forecastCategory: 'omitted', requiredFields: [], allowBack: false, outcome: 'lost' },
        ],
      })
      .expect(201);
    const [signUp, opening] = pipeline.body.stages as { id: string }[];
    const customerId = await heldCustomer(api, rep);
    const { body } = await createOpportunity(api, rep, { customerId, pipelineId: pipeline.body.id }).expect(201);
    expect(body.stage).toMatchObject({ id: signUp!.id, name: '报名' });
    await changeStage(api, rep, body.id, { toStageId: opening!.id }).expect(200);
    const back = await changeStage(api, rep, body.id, { toStageId: signUp!.id }).expect(422);
    expect(back.body).toMatchObject({ code: 'OPPORTUNITY.MOVE_BACK_NOT_ALLOWED', detail: expect.stringContaining('开标') });
  });

  it('won: opportunity.won.v1 with amount, currency and product lines; won is final (409 with the current state)', async () => {
    const customerId = await heldCustomer(api, rep);
    const { body } = await createOpportunity(api, rep, {
      customerId,
      currency: 'USD',
      amountFollowsLines: true,
      products: [
        { productId: products[0], quantity: '2', unitPrice: '1250.50' },
        { productId: products[1], quantity: '1.5', unitPrice: '99.99', discountPercent: '12.5' },
      ],
    }).expect(201);
    const won = await changeStage(api, rep, body.id, { toStageId: stages['赢单']!.id }).expect(200);
    expect(won.body).toMatchObject({ status: 'won', probability: 100, stage: { outcome: 'won', forecastCategory: 'closed' }, wonAt: expect.any(String) });
    expect(await eventsOf(api, body.id, 'opportunity.won.v1')).toEqual([
      {
        opportunityId: body.id,
        customerId,
        ownerId: rep.id,
        name: body.name,
        type: 'new',
        previousOpportunityId: null,
        amount: '2632.24',
        currency: 'USD',
        lines: [
          { productId: products[0], productLineId: expect.any(String), quantity: '2', unitPrice: '1250.50', discountPercent: '0.00', amount: '2501.00' },
          { productId: products[1], productLineId: expect.any(String), quantity: '1.5', unitPrice: '99.99', discountPercent: '12.50', amount: '131.24' },
        ],
        wonAt: won.body.wonAt,
      },
    ]);
    const again = await changeStage(api, rep, body.id, { toStageId: stages['输单']!.id, lossReasonId: PRICE_TOO_HIGH }).expect(409);
    expect(again.body).toMatchObject({
      code: 'OPPORTUNITY.CLOSED',
      opportunityStatus: 'won',
      stageId: stages['赢单']!.id,
      stageName: '赢单',
      closedAt: won.body.wonAt,
    });
    expect((await api.http.patch(`/api/v1/opportunities/${body.id}`).set('Authorization', rep.auth).send({ name: 'x' }).expect(409)).body.code).toBe(
      'OPPORTUNITY.CLOSED',
    );
    // The won stage's own requirements apply too.
    const bare = await createOpportunity(api, rep, { customerId }).expect(201);
    expect((await changeStage(api, rep, bare.body.id, { toStageId: stages['赢单']!.id }).expect(422)).body.missingFields).toEqual(['amount', 'products']);
  });

  it('lost: a loss reason from the list is required, the competitor who won is kept', async () => {
    const customerId = await heldCustomer(api, rep);
    const { body } = await createOpportunity(api, rep, { customerId, amount: '80000' }).expect(201);
    expect((await changeStage(api, rep, body.id, { toStageId: stages['输单']!.id }).expect(422)).body.code).toBe('OPPORTUNITY.LOSS_REASON_REQUIRED');
    expect((await changeStage(api, rep, body.id, { toStageId: stages['输单']!.id, lossReasonId: randomUUID() }).expect(422)).body.code).toBe(
      'OPPORTUNITY.UNKNOWN_LOSS_REASON',
    );
    expect((await changeStage(api, rep, body.id, { toStageId: stages['需求确认']!.id, lostTo: '某某' }).expect(400)).body.code).toBe(
      'OPPORTUNITY.LOSS_DETAILS_ONLY_WHEN_LOST',
    );
    const lost = await changeStage(api, rep, body.id, { toStageId: stages['输单']!.id, lossReasonId: PRICE_TOO_HIGH, lostTo: '某某软件' }).expect(200);
    expect(lost.body).toMatchObject({
      status: 'lost',
      probability: 0,
      lossReason: { id: PRICE_TOO_HIGH, name: '价格过高' },
      lostTo: '某某软件',
      lostAt: expect.any(String),
      wonAt: null,
    });
    expect(await eventsOf(api, body.id, 'opportunity.lost.v1')).toEqual([
      expect.objectContaining({ lossReasonId: PRICE_TOO_HIGH, lossReason: '价格过高', lostTo: '某某软件', amount: '80000.00', currency: 'CNY' }),
    ]);
    expect(
      (await api.http.get('/api/v1/opportunities').query({ status: 'lost', customerId }).set('Authorization', rep.auth).expect(200)).body.items,
    ).toHaveLength(1);
    await getOpportunity(api, rep, body.id).expect(200);
  });

  it('removing a stage with open opportunities needs a stage to move them to; they keep working, with the move in their history', async () => {
    const created = await api.http
      .post('/api/v1/pipelines')
      .set('Authorization', manager.auth)
      .send({
        name: '快速成交',
        stages: [
          { name: '意向', probability: 20, forecastCategory: 'pipeline', requiredFields: [], allowBack: true, outcome: 'open' },
          { name: '报价', probability: 50, forecastCategory: 'best-case', requiredFields: [], allowBack: true, outcome: 'open' },
          { name: '成交', probability: 100, forecastCategory: 'closed', requiredFields: [], allowBack: false, outcome: 'won' },
          { name: '流失', probability: 0, forecastCategory: 'omitted', requiredFields: [], allowBack: false, outcome: 'lost' },
        ],
      })
      .expect(201);
    const [intent, quote, won, lost] = created.body.stages as { id: string; name: string }[];
    const customerId = await heldCustomer(api, rep);
    const open = await createOpportunity(api, rep, { customerId, pipelineId: created.body.id }).expect(201);
    const closed = await createOpportunity(api, rep, { customerId, pipelineId: created.body.id }).expect(201);
    await changeStage(api, rep, closed.body.id, { toStageId: lost!.id, lossReasonId: PRICE_TOO_HIGH }).expect(200);

    const withoutQuote = [intent, won, lost];
    const withoutIntent = [quote, won, lost];
    // 报价 has no open opportunity: it goes. 意向 has one: refused, then moved.
    await api.http.patch(`/api/v1/pipelines/${created.body.id}`).set('Authorization', manager.auth).send({ stages: withoutQuote }).expect(200);
    await api.http
      .patch(`/api/v1/pipelines/${created.body.id}`)
      .set('Authorization', manager.auth)
      .send({
        stages: [intent, { name: '报价', probability: 50, forecastCategory: 'best-case', requiredFields: [], allowBack: true, outcome: 'open' }, won, lost],
      })
      .expect(200);
    const current = (await api.http.get(`/api/v1/pipelines/${created.body.id}`).set('Authorization', manager.auth).expect(200)).body;
    const newQuote = current.stages[1] as { id: string };
    const inUse = await api.http
      .patch(`/api/v1/pipelines/${created.body.id}`)
      .set('Authorization', manager.auth)
      .send({ stages: [newQuote, won, lost] })
      .expect(409);
    expect(inUse.body).toMatchObject({ code: 'OPPORTUNITY.STAGE_IN_USE', stageId: intent!.id, openOpportunities: 1 });
    expect(withoutIntent).toHaveLength(3);
    const moved = await api.http
      .patch(`/api/v1/pipelines/${created.body.id}`)
      .set('Authorization', manager.auth)
      .set('If-Match', `"${current.version}"`)
      .send({ stages: [newQuote, won, lost], moveTo: { [intent!.id]: newQuote.id } })
      .expect(200);
    expect(moved.body).toMatchObject({ movedOpportunities: 1, version: current.version + 1 });

    const after = await getOpportunity(api, rep, open.body.id).expect(200);
    expect(after.body).toMatchObject({ stage: { id: newQuote.id, name: '报价' }, probability: 50, version: 2 });
    expect((await getOpportunity(api, rep, closed.body.id).expect(200)).body.stage).toMatchObject({ id: lost!.id, name: '流失' });
    const history = await api.http.get(`/api/v1/opportunities/${open.body.id}/stage-changes`).set('Authorization', rep.auth).expect(200);
    expect(history.body.items.at(-1)).toMatchObject({
      fromStage: { id: intent!.id, name: '意向' },
      toStage: { id: newQuote.id, name: '报价' },
      changedBy: manager.id,
      cause: 'pipeline-edited',
    });
    expect(await eventsOf(api, open.body.id, 'opportunity.stage-changed.v1')).toEqual([
      expect.objectContaining({ fromStageName: '意向', toStageName: '报价', cause: 'pipeline-edited', changedBy: manager.id }),
    ]);
    // It keeps working in its new stage.
    await changeStage(api, rep, open.body.id, { toStageId: won!.id }, '"2"').expect(200);
  });
});
