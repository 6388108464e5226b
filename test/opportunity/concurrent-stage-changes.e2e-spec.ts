import { TestApp, type TestUser } from '../support/test-app.js';
import { describeOnServer } from '../support/test-database.js';
import { changeStage, createOpportunity, defaultStages, eventsOf, customerContact, heldCustomer } from './opportunity-fixtures.js';

/** Concurrent stage changes on a real server (several connections): the same If-Match wins once, never a lost update. */
describeOnServer('Concurrent stage changes with the same If-Match', () => {
  let api: TestApp;
  let rep: TestUser;
  let manager: TestUser;
  let stages: Awaited<ReturnType<typeof defaultStages>>;

  beforeAll(async () => {
    api = await TestApp.start();
    const team = await api.team();
    rep = await api.user(['sales-rep'], team);
    manager = await api.user(['sales-manager'], { departmentId: team.departmentId });
    stages = await defaultStages(api, rep);
  });
  afterAll(() => api.close());

  it('two moves from the same version: one 200, the other 412 with the new ETag', async () => {
    const customerId = await heldCustomer(api, rep);
    const { body } = await createOpportunity(api, rep, { customerId, amount: '1000', contactIds: [await customerContact(api, rep, customerId)] }).expect(201);
    const [first, second] = await Promise.all([
      changeStage(api, rep, body.id, { toStageId: stages['需求确认']!.id }, '"1"'),
      changeStage(api, manager, body.id, { toStageId: stages['输单']!.id, lossReasonId: '00000000-0000-7000-8000-00000000b100' }, '"1"'),
    ]);
    const statuses = [first.status, second.status].sort();
    expect(statuses).toEqual([200, 412]);
    const loser = first.status === 412 ? first : second;
    const winner = first.status === 200 ? first : second;
    expect(loser.body).toMatchObject({ code: 'PRECONDITION_FAILED', currentETag: '"2"' });
    expect(winner.headers.etag).toBe('"2"');
    const history = await api.tx.query(`SELECT 1 FROM opportunity.stage_changes WHERE opportunity_id = $1 AND cause = 'manual'`, [body.id]);
    expect(history).toHaveLength(1);
    expect(await eventsOf(api, body.id, 'opportunity.stage-changed.v1')).toHaveLength(1);
  });

  it('ten at once: exactly one moves it', async () => {
    const customerId = await heldCustomer(api, rep);
    const { body } = await createOpportunity(api, rep, { customerId, amount: '1000', contactIds: [await customerContact(api, rep, customerId)] }).expect(201);
    const targets = ['需求确认', '输单', '需求确认', '需求确认', '输单', '需求确认', '需求确认', '输单', '需求确认', '需求确认'];
    const responses = await Promise.all(
      targets.map((name) =>
        changeStage(
          api,
          rep,
          body.id,
          { toStageId: stages[name]!.id, ...(name === '输单' ? { lossReasonId: '00000000-0000-7000-8000-00000000b100' } : {}) },
          '"1"',
        ),
      ),
    );
    expect(responses.filter((response) => response.status === 200)).toHaveLength(1);
    expect(responses.filter((response) => response.status === 412)).toHaveLength(9);
    const [row] = await api.tx.query<{ version: number }>(`SELECT version FROM opportunity.opportunities WHERE id = $1`, [body.id]);
    expect(row!.version).toBe(2);
  });
});
