import { TestApp, type TestUser } from '../support/test-app.js';

interface Stage {
  id: string;
  name: string;
  probability: number;
  forecastCategory: string;
  requiredFields: string[];
  allowBack: boolean;
  outcome: string;
}

const stage = (name: string, probability: number, extra: Partial<Stage> = {}) => ({
  name,
  probability,
  forecastCategory: 'pipeline',
  requiredFields: [],
  allowBack: true,
  outcome: 'open',
  ...extra,
});
const won = stage('赢单', 100, { forecastCategory: 'closed', outcome: 'won' });
const lost = stage('输单', 0, { forecastCategory: 'omitted', outcome: 'lost' });

/** pipelines [销售流程] and their stages are data, configured by managers; loss reasons [输单原因] a managed list. */
describe('Pipelines, stages and loss reasons as data', () => {
  let api: TestApp;
  let admin: TestUser;
  let manager: TestUser;
  let rep: TestUser;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    manager = await api.user(['sales-manager']);
    rep = await api.user(['sales-rep']);
  });
  afterAll(() => api.close());

  it('every installation starts with the default pipeline 新业务 and its stages', async () => {
    const list = await api.http.get('/api/v1/pipelines').set('Authorization', rep.auth).expect(200);
    expect(list.body.nextCursor).toBeNull();
    const [pipeline] = list.body.items;
    expect(pipeline).toMatchObject({ name: '新业务', isDefault: true, version: 1 });
    expect(pipeline.stages.map((entry: Stage) => [entry.name, entry.probability, entry.forecastCategory, entry.outcome])).toEqual([
      ['初步接洽', 10, 'pipeline', 'open'],
      ['需求确认', 30, 'pipeline', 'open'],
      ['方案报价', 60, 'best-case', 'open'],
      ['商务谈判', 80, 'commit', 'open'],
      ['赢单', 100, 'closed', 'won'],
      ['输单', 0, 'omitted', 'lost'],
    ]);
    expect(pipeline.stages[3].requiredFields).toEqual(['amount', 'expectedCloseDate', 'products', 'contacts']);
    const one = await api.http.get(`/api/v1/pipelines/${pipeline.id}`).set('Authorization', rep.auth).expect(200);
    expect(one.headers.etag).toBe('"1"');
    expect(one.body).toEqual(pipeline);
  });

  it('managers create pipelines; the stages must make a pipeline; salespeople may not', async () => {
    const body = { name: '渠道项目', stages: [stage('报备', 20), stage('试点', 50, { allowBack: false }), won, lost] };
    await api.http.post('/api/v1/pipelines').set('Authorization', rep.auth).send(body).expect(403);
    const created = await api.http.post('/api/v1/pipelines').set('Authorization', manager.auth).send(body).expect(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.headers.location).toBe(`/api/v1/pipelines/${created.body.id}`);
    expect(created.body).toMatchObject({ name: '渠道项目', isDefault: false });
    expect(created.body.stages.map((entry: Stage) => [entry.name, entry.allowBack])).toEqual([
      ['报备', true],
      ['试点', false],
      ['赢单', false],
      ['输单', false],
    ]);
    expect((await api.http.post('/api/v1/pipelines').set('Authorization', manager.auth).send(body).expect(409)).body.code).toBe(
      'OPPORTUNITY.PIPELINE_NAME_TAKEN',
    );
    const refusals: [unknown[], string][] = [
      [[stage('报备', 20), won, lost, stage('试点', 50)], 'Open stages come before'],
      [[stage('报备', 20), won, { ...won, name: '再赢' }, lost], 'exactly one won'],
      [[stage('报备', 20), { ...won, probability: 90 }, lost], 'probability 100'],
      [[stage('报备', 20), stage('报备', 30), won, lost], 'appears twice'],
    ];
    for (const [stages, detail] of refusals) {
      const refused = await api.http.post('/api/v1/pipelines').set('Authorization', manager.auth).send({ name: '坏流程', stages }).expect(400);
      expect(refused.body).toMatchObject({ code: 'OPPORTUNITY.INVALID_PIPELINE', detail: expect.stringContaining(detail) });
    }
    const malformed = await api.http
      .post('/api/v1/pipelines')
      .set('Authorization', manager.auth)
      .send({ name: 'x', stages: [{ ...stage('a', 10), probability: '10', requiredFields: ['budget'] }, won, lost] })
      .expect(400);
    expect(new Set(malformed.body.errors.map((error: { field: string }) => error.field))).toEqual(new Set(['stages.0.probability', 'stages.0.requiredFields']));
  });

  it('edits stages in place with If-Match: rename, re-weight, reorder, add; a stale ETag is 412', async () => {
    const created = await api.http
      .post('/api/v1/pipelines')
      .set('Authorization', manager.auth)
      .send({ name: '大客户项目', stages: [stage('立项', 10), stage('投标', 40), won, lost] })
      .expect(201);
    const [first, second, wonStage, lostStage] = created.body.stages as Stage[];
    const edit = (ifMatch: string, body: object) =>
      api.http.patch(`/api/v1/pipelines/${created.body.id}`).set('Authorization', manager.auth).set('If-Match', ifMatch).send(body);
    const changed = await edit('"1"', {
      name: '大客户项目(KA)',
      stages: [
        { ...second, name: '招投标', probability: 45 },
        first,
        stage('方案评审', 60, { requiredFields: ['products'] }),
        wonStage,
        { ...lostStage, name: '丢单' },
      ],
    }).expect(200);
    expect(changed.headers.etag).toBe('"2"');
    expect(changed.body).toMatchObject({ name: '大客户项目(KA)', version: 2, movedOpportunities: 0 });
    expect(changed.body.stages.map((entry: Stage) => [entry.id, entry.name, entry.probability])).toEqual([
      [second!.id, '招投标', 45],
      [first!.id, '立项', 10],
      [expect.any(String), '方案评审', 60],
      [wonStage!.id, '赢单', 100],
      [lostStage!.id, '丢单', 0],
    ]);
    const stale = await edit('"1"', { name: '又改' }).expect(412);
    expect(stale.body).toMatchObject({ code: 'PRECONDITION_FAILED', currentETag: '"2"' });
    // Which stage is won or lost is fixed, and both stay.
    expect((await edit('"2"', { stages: changed.body.stages.filter((entry: Stage) => entry.outcome !== 'lost').concat([lost]) }).expect(400)).body.code).toBe(
      'OPPORTUNITY.INVALID_PIPELINE',
    );
    // An empty stage may simply be removed.
    const removed = await edit('"2"', { stages: changed.body.stages.filter((entry: Stage) => entry.name !== '立项') }).expect(200);
    expect(removed.body.stages.map((entry: Stage) => entry.name)).toEqual(['招投标', '方案评审', '赢单', '丢单']);
    const events = await api.tx.query<{ payload: { removedStages: unknown[]; pipelineVersion: number } }>(
      `SELECT payload FROM platform.events WHERE aggregate_id = $1 AND type = 'opportunity.pipeline-configured.v1' ORDER BY seq`,
      [created.body.id],
    );
    expect(events.map((event) => event.payload.pipelineVersion)).toEqual([1, 2, 3]);
    expect(events[2]!.payload.removedStages).toEqual([{ stageId: first!.id, name: '立项', movedToStageId: null }]);
  });

  it('one pipeline is the default: making another the default takes it over', async () => {
    const [before] = (await api.http.get('/api/v1/pipelines').set('Authorization', manager.auth).expect(200)).body.items;
    const created = await api.http
      .post('/api/v1/pipelines')
      .set('Authorization', admin.auth)
      .send({ name: '续费流程', isDefault: true, stages: [stage('续约沟通', 50), won, lost] })
      .expect(201);
    const list = await api.http.get('/api/v1/pipelines').query({ limit: 2 }).set('Authorization', manager.auth).expect(200);
    expect(list.body.items.map((entry: { id: string; isDefault: boolean }) => [entry.id, entry.isDefault])).toEqual([
      [created.body.id, true],
      [before.id, false],
    ]);
    const rest = await api.http.get('/api/v1/pipelines').query({ cursor: list.body.nextCursor }).set('Authorization', manager.auth).expect(200);
    expect(rest.body.items.every((entry: { isDefault: boolean }) => !entry.isDefault)).toBe(true);
    const refused = await api.http.patch(`/api/v1/pipelines/${created.body.id}`).set('Authorization', admin.auth).send({ isDefault: false }).expect(422);
    expect(refused.body.code).toBe('OPPORTUNITY.DEFAULT_PIPELINE_REQUIRED');
    await api.http.patch(`/api/v1/pipelines/${before.id}`).set('Authorization', admin.auth).send({ isDefault: true }).expect(200);
    const after = await api.http.get(`/api/v1/pipelines/${created.body.id}`).set('Authorization', admin.auth).expect(200);
    expect(after.body).toMatchObject({ isDefault: false, version: 2 });
  });

  it('loss reasons [输单原因] are a managed list', async () => {
    const seeded = await api.http.get('/api/v1/loss-reasons').set('Authorization', rep.auth).expect(200);
    expect(seeded.body.items.map((reason: { name: string }) => reason.name)).toEqual([
      '价格过高',
      '产品不满足需求',
      '选择了竞争对手',
      '预算取消',
      '决策延期',
      '关系不到位',
    ]);
    await api.http.post('/api/v1/loss-reasons').set('Authorization', rep.auth).send({ name: '交付周期太长' }).expect(403);
    const created = await api.http.post('/api/v1/loss-reasons').set('Authorization', manager.auth).send({ name: ' 交付周期太长 ' }).expect(201);
    expect(created.body).toEqual({ id: expect.any(String), name: '交付周期太长', createdAt: expect.any(String) });
    expect((await api.http.post('/api/v1/loss-reasons').set('Authorization', manager.auth).send({ name: '价格过高' }).expect(409)).body.code).toBe(
      'OPPORTUNITY.LOSS_REASON_EXISTS',
    );
    const page = await api.http.get('/api/v1/loss-reasons').query({ limit: 6 }).set('Authorization', rep.auth).expect(200);
    const next = await api.http.get('/api/v1/loss-reasons').query({ cursor: page.body.nextCursor }).set('Authorization', rep.auth).expect(200);
    expect(next.body).toEqual({ items: [created.body], nextCursor: null });
  });

  it('the default roles get the opportunity permissions', async () => {
    const permissionsOf = async (role: string) =>
      (await api.http.get(`/api/v1/roles/${role}`).set('Authorization', admin.auth).expect(200)).body.permissions as string[];
    const all = ['opportunity:create', 'opportunity:manage', 'opportunity:read', 'opportunity:update'];
    // Administrators also take the weekly forecast snapshot by hand.
    expect((await permissionsOf('admin')).filter((key) => key.startsWith('opportunity:'))).toEqual([...all, 'opportunity:snapshot-forecasts'].sort());
    expect((await permissionsOf('sales-manager')).filter((key) => key.startsWith('opportunity:'))).toEqual(all);
    expect((await permissionsOf('sales-rep')).filter((key) => key.startsWith('opportunity:'))).toEqual([
      'opportunity:create',
      'opportunity:read',
      'opportunity:update',
    ]);
    expect((await permissionsOf('finance')).filter((key) => key.startsWith('opportunity:'))).toEqual([]);
  });
});
